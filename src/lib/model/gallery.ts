import { emptyImcRow, workedExampleRows, type ImcRow } from './imc';

/**
 * The managers' gallery (事例地図): finished thematic maps made from the sample data, each with its IMC
 * row, the question it answers and the decision it informs. A map is made from its row when opened,
 * so it always matches the sample data shipped with the app.
 */
export interface GalleryMap {
  id: string;
  /** The card's heading in English; in Japanese it is the title of the IMC row (the map's title). */
  nameEn: string;
  row: ImcRow;
  question: { ja: string; en: string };
  decision: { ja: string; en: string };
  /** How to read it: what the map can and cannot say. */
  caution: { ja: string; en: string };
}

const DISTRICTS = { source: 'sample', fileName: 'tsukuba-school-districts.geojson' } as const;
const REPORTS = { source: 'sample', fileName: 'fictional-suspicious-person-reports.csv' } as const;
const CENSUS = { source: 'sample', fileName: 'tsukuba-census-2015-population.csv' } as const;
const BASE = '背景図（市域の輪郭）';
/** The two worked examples of the training (IMC rows 1 and 2) are examples here too. */
let exampleRowId = 0;
const [REPORTS_ROW, PER_SITE_ROW] = workedExampleRows(() => `gallery-example-${++exampleRowId}`);

export const GALLERY: GalleryMap[] = [
  {
    id: 'reports-by-district',
    nameEn: 'Suspicious-person reports by school district',
    row: REPORTS_ROW!,
    question: { ja: 'どの小学校区で不審者情報が多いか。', en: 'Which school districts have the most suspicious-person reports?' },
    decision: { ja: '見守り活動・防犯パトロールを重点的に支援する学区と、自治会・PTA への働きかけの順番を決める。', en: 'Which districts get extra support for watch patrols, and in what order to approach neighbourhood associations and PTAs.' },
    caution: { ja: '件数は学区の広さや人口の影響を受けます。広い学区は件数が多く見えがちです（架空データ）。', en: 'Counts grow with district size and population; large districts tend to look worse (fictional data).' },
  },
  {
    id: 'reports-per-km2',
    nameEn: 'Reports per km² by school district',
    row: { ...emptyImcRow('gallery-2'), purpose: '面積の違いをならして、不審者情報が集中している学区を見つける', baseMap: BASE, layer1: REPORTS, layer2: DISTRICTS, processing: { op: 'count-per-km2' }, processingNote: '箇所数を面で集計し、面積で割る', title: '小学校区別 不審者情報の密度（1km²あたり）' },
    question: { ja: '広さをそろえると、不審者情報はどこに集中しているか。', en: 'Taking area into account, where are the reports concentrated?' },
    decision: { ja: '防犯灯・防犯カメラを設置する地区の優先順位を決める。', en: 'The priority of districts for new street lights and security cameras.' },
    caution: { ja: '密度は面積の小さい市街地の学区で高くなります。件数の地図と並べて読みましょう（架空データ）。', en: 'Density is high in small urban districts; read it beside the count map (fictional data).' },
  },
  {
    id: 'population-by-district',
    nameEn: 'Population by school district (2015 census)',
    row: { ...emptyImcRow('gallery-3'), purpose: '小学校区ごとの人口を把握し、学校・学童保育の計画に使う', baseMap: BASE, layer1: CENSUS, layer2: DISTRICTS, processing: { op: 'sum', field: 'JINKO' }, processingNote: '町丁目人口を面で合計', title: '小学校区別人口（2015年国勢調査）' },
    question: { ja: '小学校区ごとに何人が住んでいるか。', en: 'How many people live in each school district?' },
    decision: { ja: '学校の施設規模や学童保育の定員を見直す学区の候補を挙げる。', en: 'Which districts to review for school capacity and after-school care places.' },
    caution: { ja: '町丁目の代表点で学区に振り分けているため、学区境界をまたぐ町丁目は片方に数えられます。2015年の値です。', en: 'Chōme are assigned by their representative point, so a chōme across a boundary counts on one side only. Values of 2015.' },
  },
  {
    id: 'population-per-evacuation-site',
    nameEn: 'Residents per evacuation site by school district',
    row: PER_SITE_ROW!,
    question: { ja: '避難場所 1 か所が受け持つ住民が多いのはどの学区か。', en: 'In which districts does one evacuation site serve the most residents?' },
    decision: { ja: '避難場所の追加指定や、民間施設との協定を優先して検討する地区を決める。', en: 'Where to designate more evacuation sites or seek agreements with private facilities first.' },
    caution: { ja: '避難場所の収容人数は考えていません。避難場所のない学区は値が出ません（地図では「値なし」）。', en: 'Site capacity is not considered. Districts without a site have no value ("no data" on the map).' },
  },
];
