/** The files in public/sample-data, with the 出典 the app shows whenever one of them is on the map. */
export interface SampleFile {
  fileName: string;
  layerName: { ja: string; en: string };
  attribution: string;
  /** Loaded by the one-click button (the worked example of the IMC chart, row 1). */
  inWorkedExample: boolean;
}

export const SAMPLE_FILES: SampleFile[] = [
  {
    fileName: 'tsukuba-school-districts.geojson',
    layerName: { ja: '小学校区（つくば市）', en: 'School districts (Tsukuba)' },
    attribution: '国土数値情報（小学校区データ）（国土交通省）を加工して作成',
    inWorkedExample: true,
  },
  {
    fileName: 'fictional-suspicious-person-reports.csv',
    layerName: { ja: '不審者情報（架空データ）', en: 'Suspicious-person reports (fictional)' },
    attribution: '架空データ（地図道場が生成）',
    inWorkedExample: true,
  },
  {
    fileName: 'tsukuba-evacuation-sites.geojson',
    layerName: { ja: '指定緊急避難場所（つくば市）', en: 'Evacuation sites (Tsukuba)' },
    attribution: '国土地理院 指定緊急避難場所データ',
    inWorkedExample: false,
  },
  {
    fileName: 'tsukuba-census-2015-population.csv',
    layerName: { ja: '国勢調査 町丁目人口（2015）', en: 'Census population by chōme (2015)' },
    attribution: '政府統計の総合窓口(e-Stat) 国勢調査',
    inWorkedExample: false,
  },
  {
    fileName: 'tsukuba-chome-approx.geojson',
    layerName: { ja: '町丁目（近似区域）', en: 'Chōme (approximate areas)' },
    attribution: '政府統計の総合窓口(e-Stat) 国勢調査の代表点から作成した近似区域（地図道場が加工）',
    inWorkedExample: false,
  },
];

export function findSampleFile(fileName: string): SampleFile | undefined {
  return SAMPLE_FILES.find((s) => s.fileName === fileName);
}
