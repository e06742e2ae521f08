/**
 * Every UI string, grouped by feature, each with its Japanese (the reference) and English side by side,
 * so a message cannot exist in one language only.
 */
export const messages = {
  // app
  'app.name': {
    ja: '地図道場',
    en: 'Chizu Dojo',
  },
  'app.tagline': {
    ja: 'データを地図にして現象をとらえる',
    en: 'Map data to see what is happening',
  },

  // language
  'language.switch': {
    ja: 'English',
    en: '日本語',
  },
  'language.label': {
    ja: '表示言語',
    en: 'Language',
  },

  // data
  'data.heading': {
    ja: 'データ',
    en: 'Data',
  },
  'data.loadSample': {
    ja: 'サンプルデータを読み込む',
    en: 'Load sample data',
  },
  'data.chooseFiles': {
    ja: 'ファイルを選ぶ',
    en: 'Choose files',
  },
  'data.dropHint': {
    ja: 'CSV・Excel・シェープファイル（ZIP または .shp/.dbf/.prj をまとめて）・GeoJSON・FlatGeobuf・KML/KMZ・GPX をページにドロップ',
    en: 'Drop CSV, Excel, shapefiles (a ZIP, or .shp/.dbf/.prj together), GeoJSON, FlatGeobuf, KML/KMZ or GPX anywhere on the page',
  },
  'data.dropOverlay': {
    ja: 'ここにファイルを離すと読み込みます',
    en: 'Release to load the files',
  },
  'data.loading': {
    ja: '読み込み中…',
    en: 'Loading…',
  },

  // layers
  'layers.heading': {
    ja: 'レイヤ',
    en: 'Layers',
  },
  'layers.empty': {
    ja: 'まだレイヤがありません。サンプルデータを読み込むか、ファイルをドロップしてください。',
    en: 'No layers yet. Load the sample data or drop files.',
  },
  'layers.remove': {
    ja: '削除',
    en: 'Remove',
  },
  'layers.visible': {
    ja: '表示',
    en: 'Show',
  },
  'layers.color': {
    ja: '色',
    en: 'Colour',
  },
  'layers.pointSize': {
    ja: '点の大きさ（px）',
    en: 'Point size (px)',
  },
  'layers.lineWidth': {
    ja: '線の太さ（px）',
    en: 'Line width (px)',
  },
  'layers.dataLevel': {
    ja: '公開の範囲',
    en: 'Who may see it',
  },
  'layers.dataLevelUnset': {
    ja: '（未設定）',
    en: '(not set)',
  },
  'publish.heading': {
    ja: 'この地図は個人が分かる点を含みます',
    en: 'This map shows points that can identify people',
  },
  'publish.explain': {
    ja: '「{layers}」は {level} のデータで、一つ一つの点が人や家を指すことがあります。地図を庁外に出すなら、点を隠して集計（学区・メッシュごとの件数）だけにしてください。庁内の打ち合わせに使うだけなら、そのことを地図に書いて出力できます。',
    en: '"{layers}" is {level} data, and each point may point at a person or a home. To take the map outside the office, hide the points and keep only the counts (per district or grid square). For use inside the office only, the map can be exported with that written on it.',
  },
  'publish.hidePoints': {
    ja: '点を隠して集計だけにする',
    en: 'Hide the points, keep the counts',
  },
  'export.gpkg': {
    ja: 'すべてのレイヤを GeoPackage で書き出す（QGIS 用）',
    en: 'Export all layers as a GeoPackage (for QGIS)',
  },
  'export.kmlHint': {
    ja: 'Google マイマップに読み込める KML で保存',
    en: 'Save as KML for Google My Maps',
  },
  'export.kmlKept': {
    ja: '部署内・庁内限定のデータは、庁外のサービス（Google マイマップ）用の KML にしません',
    en: 'Data kept in a department or the office is not exported as KML for an outside service (Google My Maps)',
  },
  'export.qgis': {
    ja: 'QGIS のプロジェクトとして書き出す（同じ色分け）',
    en: 'Export as a QGIS project (same classes and colours)',
  },
  'publish.internalAgain': {
    ja: '庁内の利用として出力する（明記済み）',
    en: 'Export for use inside the office (already written on the map)',
  },
  'publish.tooOpen': {
    ja: '「{layer}」はオープンデータにしていますが、研修のトリアージでは「{data}」は「{level}」です。点をこのまま出力してよいか確かめてください。',
    en: '"{layer}" is marked open data, but the lesson\'s triage puts "{data}" at "{level}". Make sure its points may leave as they are.',
  },
  'publish.asMarked': {
    ja: 'このまま出力する',
    en: 'Export as it is',
  },
  'publish.internal': {
    ja: '庁内の利用として出力する（地図に明記）',
    en: 'Export for use inside the office (written on the map)',
  },
  'publish.cancel': {
    ja: 'やめる',
    en: 'Cancel',
  },
  'publish.stamp': {
    ja: '庁内限定（内部利用）',
    en: 'For internal use only',
  },
  'publish.removeStamp': {
    ja: '「庁内限定」の表示を外す',
    en: 'Remove the "internal use" mark',
  },
  'layers.changeEncoding': {
    ja: '文字コードを変える',
    en: 'change encoding',
  },
  'layers.sourcePlaceholder': {
    ja: '例：○○課 2024年調べ',
    en: 'e.g. Planning Division, 2024 survey',
  },
  'layers.features': {
    ja: '件',
    en: 'features',
  },
  'layers.encoding': {
    ja: '文字コード',
    en: 'Encoding',
  },
  'layers.crs': {
    ja: '座標系',
    en: 'Coordinates',
  },
  'layers.standard': {
    ja: '自治体標準OD',
    en: 'Standard open data',
  },

  // kind
  'kind.point': {
    ja: '点',
    en: 'point',
  },
  'kind.line': {
    ja: '線',
    en: 'line',
  },
  'kind.polygon': {
    ja: '面',
    en: 'polygon',
  },
  'kind.mixed': {
    ja: '混在',
    en: 'mixed',
  },
  'kind.none': {
    ja: '形状なし',
    en: 'no geometry',
  },

  // analysis
  'analysis.heading': {
    ja: '集計：点の数を面ごとに数える',
    en: 'Analysis: count points per polygon',
  },
  'analysis.points': {
    ja: '点レイヤ',
    en: 'Point layer',
  },
  'analysis.polygons': {
    ja: '面レイヤ',
    en: 'Polygon layer',
  },
  'analysis.run': {
    ja: '面ごとに数える',
    en: 'Count per polygon',
  },
  'analysis.running': {
    ja: '集計中…',
    en: 'Counting…',
  },
  'analysis.needLayers': {
    ja: '点レイヤと面レイヤを 1 つずつ読み込むと集計できます。',
    en: 'Load one point layer and one polygon layer to count.',
  },
  'analysis.summary': {
    ja: '{counted} 件を {polygons} 区に集計しました（区域外 {outside} 件、座標なし {withoutGeometry} 件）。',
    en: 'Counted {counted} points in {polygons} areas ({outside} outside, {withoutGeometry} without coordinates).',
  },
  'analysis.boundaryRule': {
    ja: '境界線上の点は、その境界を持つ面のうちレイヤ内で先に来る面に 1 回だけ数えます。',
    en: 'A point on a shared border is counted once, in the polygon that comes first in the layer.',
  },
  'analysis.options': {
    ja: '集計方法と絞り込み',
    en: 'Aggregation and filters',
  },
  'analysis.op': {
    ja: '集計のしかた',
    en: 'Aggregate by',
  },
  'analysis.op.count': {
    ja: '件数を数える',
    en: 'Count points',
  },
  'analysis.op.sum': {
    ja: '合計',
    en: 'Sum',
  },
  'analysis.op.mean': {
    ja: '平均',
    en: 'Mean',
  },
  'analysis.op.max': {
    ja: '最大',
    en: 'Maximum',
  },
  'analysis.valueField': {
    ja: '集計する数値の列',
    en: 'Numeric column',
  },
  'analysis.filterField': {
    ja: '絞り込む列',
    en: 'Filter on column',
  },
  'analysis.noFilter': {
    ja: '（絞り込まない）',
    en: '(no filter)',
  },
  'analysis.filterValues': {
    ja: '値（カンマ区切り、どれかに一致）',
    en: 'Values (comma-separated, any of)',
  },
  'analysis.filterFrom': {
    ja: 'から（日付・時刻）',
    en: 'From (date or time)',
  },
  'analysis.filterTo': {
    ja: 'まで',
    en: 'To',
  },
  'analysis.columnName': {
    ja: '結果の列名',
    en: 'Result column name',
  },
  'analysis.runAggregate': {
    ja: '面ごとに集計する',
    en: 'Aggregate per polygon',
  },
  'rates.heading': {
    ja: '小さな数の率（経験ベイズ）',
    en: 'Rates on small numbers (Empirical Bayes)',
  },
  'rates.hint': {
    ja: '件数の少ない地区の率は、1 件の違いで大きく変わります。経験ベイズ率は、人口の少ない地区ほど全体の率に近づけて、偶然の揺れを抑えた率です。超過リスクは「実際の件数 ÷ 全体の率で期待される件数」（1 で平均どおり）です。',
    en: 'Rates from few events swing with a single event. The Empirical Bayes rate pulls areas with few people towards the overall rate, damping chance; the excess risk is observed ÷ expected events at the overall rate (1 = as expected).',
  },
  'rates.events': {
    ja: '件数の列',
    en: 'Count column',
  },
  'rates.population': {
    ja: '人口の列（母数）',
    en: 'Population at risk',
  },
  'rates.below': {
    ja: '件数がこれ未満の地区に斜線',
    en: 'Hatch areas with fewer than',
  },
  'rates.run': {
    ja: '経験ベイズ率と超過リスクを加える',
    en: 'Add the Empirical Bayes rate and excess risk',
  },
  'rates.flagNote': {
    ja: '斜線：「{field}」が {count} 未満で率が不安定な地区',
    en: 'Hatched: fewer than {count} "{field}", an unstable rate',
  },
  'hotspots.heading': {
    ja: 'ホットスポット（Gi*）',
    en: 'Hot spots (Gi*)',
  },
  'hotspots.hint': {
    ja: '値の高い面が集まっている所（ホットスポット）と低い面が集まっている所を、面とその隣の面の値から統計的に調べます（Getis-Ord Gi*、隣は境界や角が接する面）。90・95・99% の確からしさで色分けします。面が少ないと目安にとどまります。',
    en: 'Finds where high values cluster (hot spots) and where low ones do, from each area and the areas touching it (Getis-Ord Gi*), at 90, 95 and 99 % confidence. With few areas it is a hint only.',
  },
  'hotspots.run': {
    ja: '「{field}」のホットスポットを調べる',
    en: 'Find hot spots of "{field}"',
  },
  'mesh.heading': {
    ja: '地域メッシュで数える',
    en: 'Count per grid square (地域メッシュ)',
  },
  'mesh.hint': {
    ja: '点を国の標準地域メッシュ（JIS X 0410）の同じ大きさの四角ごとに数え、新しい面レイヤにします。学区のように形や広さの違う地区に左右されずに比べられ、「メッシュコード」列で e-Stat のメッシュ統計を結合できます。',
    en: 'Counts the points per square of the national grid (JIS X 0410) into a new polygon layer: squares of one size compare without the shapes and sizes of districts getting in the way, and the メッシュコード column joins e-Stat mesh statistics.',
  },
  'mesh.size': {
    ja: 'メッシュの大きさ',
    en: 'Square size',
  },
  'mesh.run': {
    ja: 'メッシュで数える',
    en: 'Count per square',
  },
  'compare.heading': {
    ja: '時期・種類で比べる（並べた地図）',
    en: 'Compare periods or kinds (maps side by side)',
  },
  'compare.hint': {
    ja: '点を列の値で 2〜4 組に分け（日付なら年度または四半期、それ以外は多い値から）、組ごとに面で数えて地図を並べます。すべての地図で同じ階級・同じ色を使うので、色の違いがそのまま件数の違いです。',
    en: 'Splits the points by a column into 2–4 groups (dates by fiscal year or quarter, other values by the most frequent), counts each group per area and shows the maps side by side, all in the same classes and colours, so a difference in colour is a difference in count.',
  },
  'compare.by': {
    ja: '分ける列',
    en: 'Split by',
  },
  'compare.groups': {
    ja: '{count} 枚：{titles}',
    en: '{count} maps: {titles}',
  },
  'compare.noGroups': {
    ja: 'この列では 2 組以上に分けられません。',
    en: 'This column does not split into two or more groups.',
  },
  'compare.run': {
    ja: '並べて比べる',
    en: 'Compare side by side',
  },
  'compare.show': {
    ja: '並べた地図を見る',
    en: 'Show the maps side by side',
  },
  'maup.heading': {
    ja: '区切り方を変えて比べる（MAUP）',
    en: 'Compare units of area (MAUP)',
  },
  'maup.hint': {
    ja: '同じ点を、読み込んだ面（学区・町丁目など）と 500m メッシュのそれぞれで数え、面積 1km² あたりの件数にして同じ色で並べます。区切り方を変えるだけで、多く見える場所や差の大きさが変わること（可変単位地区問題、MAUP）を確かめられます。',
    en: 'Counts the same points per each polygon layer (districts, 町丁目…) and per 500 m grid square, as points per km², side by side in the same colours: changing only the units changes where the most seems to be and how large differences look (the modifiable areal unit problem, MAUP).',
  },
  'maup.run': {
    ja: '区切り方を変えて比べる',
    en: 'Compare by units of area',
  },
  'compare.empty': {
    ja: '並べる地図はまだありません。「集計：点の数を面ごとに数える」の「並べて比べる」か「区切り方を変えて比べる」で作ります。',
    en: 'No maps to compare yet. Make them with "Compare side by side" or "Compare by units of area" under "Analysis: count points per polygon".',
  },
  'compare.groupsHeading': {
    ja: '{points}：時期・種類ごとの件数',
    en: '{points}: counts per period or kind',
  },
  'compare.unitsHeading': {
    ja: '{points}：区切り方による違い（MAUP）',
    en: '{points}: the same points by different units (MAUP)',
  },
  'compare.groupsHint': {
    ja: 'どの地図も同じ階級・同じ色です。増えた所・減った所は、下の「差の地図」で一枚にできます。',
    en: 'Every map uses the same classes and colours. The difference map below puts what rose and what fell on one map.',
  },
  'compare.unitsHint': {
    ja: '同じ点を面積 1km² あたりの件数にして、同じ階級・同じ色で並べました。細かい単位ほど値の幅が広がり、最も多く見える場所も変わります。地図を作るときは、目的に合った単位を選び、単位を地図に書きます。',
    en: 'The same points as points per km², in the same classes and colours. Smaller units spread the values wider and can move where the most seems to be: choose the unit for the purpose, and say it on the map.',
  },
  'compare.legendHeading': {
    ja: '件数',
    en: 'Count',
  },
  'compare.shared': {
    ja: '（すべての地図で共通の階級）',
    en: '(the same classes on every map)',
  },
  'compare.difference': {
    ja: '差の地図：',
    en: 'Difference map:',
  },
  'compare.makeDifference': {
    ja: '差の地図を作る',
    en: 'Make the difference map',
  },
  'tabs.compare': {
    ja: '並べて比べる',
    en: 'Compare',
  },
  'density.heading': {
    ja: '密度の面（カーネル密度）',
    en: 'Density surface (kernel density)',
  },
  'density.hint': {
    ja: '点の集まり具合を、区切りに左右されない連続した面にします。各点を半径の範囲に山の形（四次カーネル）で広げて重ね、1km² あたりの件数で色分けします。半径は地面の距離なので、拡大しても絵は変わりません。半径を大きくすると大まかな傾向、小さくすると細かな集まりが見えます。',
    en: 'Turns the points into a continuous surface that no boundary shapes: each point is spread over the radius as a smooth hill (quartic kernel) and the hills are added up, in points per km². The radius is on the ground, so the picture does not change with zoom. A large radius shows the broad pattern, a small one the tight clusters.',
  },
  'density.bandwidth': {
    ja: '半径（バンド幅）：{metres} m',
    en: 'Radius (bandwidth): {metres} m',
  },
  'density.run': {
    ja: '密度の面を描く',
    en: 'Draw the density surface',
  },
  'density.note': {
    ja: 'カーネル密度（四次カーネル、半径 {bandwidth} m、{cell} m 四方の格子）',
    en: 'Kernel density (quartic kernel, radius {bandwidth} m, {cell} m grid)',
  },
  'analysis.filteredOut': {
    ja: '条件に合わない {count} 件は除きました。',
    en: '{count} points did not match the filter.',
  },

  // style
  'style.heading': {
    ja: '階級区分',
    en: 'Classes',
  },
  'style.method.quantile': {
    ja: '分位数（各階級の数をそろえる）',
    en: 'Quantile (same number per class)',
  },
  'style.quantileConvention': {
    ja: '区切りはデータの値そのもの（例：33 地区を 5 階級なら 7・14・20・27 番目の値）で、同じ値は同じ階級に入ります。QGIS の「等量（分位数）」は値の間を補間するため区切りが少し違いますが、「QGIS のプロジェクトとして書き出す」はこの区切りをそのまま渡します。',
    en: 'Breaks are values of the data (33 areas in 5 classes: the 7th, 14th, 20th and 27th values), and equal values share a class. QGIS\'s "Equal count (quantile)" interpolates between values, so its breaks differ slightly; "Export as a QGIS project" carries these breaks as they are.',
  },
  'style.classCount': {
    ja: '階級数',
    en: 'Number of classes',
  },
  'style.none': {
    ja: '集計すると、その結果で面を塗り分けます。',
    en: 'Aggregate first: the polygons are then coloured by the result.',
  },
  'style.field': {
    ja: '塗り分ける列',
    en: 'Column to map',
  },
  'style.perKm2': {
    ja: '面積で割る（1km²あたり）',
    en: 'Divide by area (per km²)',
  },
  'style.divisor': {
    ja: '割る列（人口など）',
    en: 'Divide by column (e.g. population)',
  },
  'style.per': {
    ja: '倍率',
    en: 'Scale',
  },
  'style.divide': {
    ja: '割る',
    en: 'Divide',
  },
  'style.method': {
    ja: '区分の方法',
    en: 'Method',
  },
  'style.method.equal-interval': {
    ja: '等間隔',
    en: 'Equal interval',
  },
  'style.method.natural-breaks': {
    ja: '自然分類（ジェンクス）',
    en: 'Natural breaks (Jenks)',
  },
  'style.method.diverging': {
    ja: '0 を中心に（差・増減）',
    en: 'Centred on 0 (differences)',
  },
  'style.method.manual': {
    ja: '手動',
    en: 'Manual',
  },
  'style.manualBreaks': {
    ja: '区切りの値（各階級の上限、カンマ区切り）',
    en: 'Breaks (upper bound of each class, comma-separated)',
  },
  'style.palette': {
    ja: '配色（ColorBrewer）',
    en: 'Colours (ColorBrewer)',
  },
  'style.colorBlindSafe': {
    ja: '✓色覚配慮',
    en: '✓colour-blind safe',
  },
  'style.sequential': {
    ja: '順序（少→多）',
    en: 'Sequential (low → high)',
  },
  'style.diverging': {
    ja: '発散（中央から両側へ）',
    en: 'Diverging (from a middle)',
  },
  'style.histogram': {
    ja: '値の分布と階級の区切り',
    en: 'Distribution of values and class breaks',
  },
  'style.histogramCaption': {
    ja: '棒：値の分布　破線：階級の区切り',
    en: 'Bars: distribution of values. Dashed lines: class breaks.',
  },
  'style.kind': {
    ja: '表し方',
    en: 'Show as',
  },
  'style.kind.choropleth': {
    ja: '塗り分け（階級区分図）',
    en: 'Colours by class (choropleth)',
  },
  'style.kind.graduated-circles': {
    ja: '円の大きさ（図形表現図）',
    en: 'Circle sizes (graduated circles)',
  },
  'style.kind.categories': {
    ja: '種類ごとの色（カテゴリ）',
    en: 'Colours by category',
  },
  'style.layer': {
    ja: 'レイヤ',
    en: 'Layer',
  },
  'style.qualitative': {
    ja: '種類（カテゴリ）',
    en: 'Categories',
  },
  'style.start': {
    ja: 'レイヤと列を選ぶと主題図にできます。',
    en: 'Choose a layer and a column to make a thematic map.',
  },

  // credits
  'credits.author': {
    ja: '作成者',
    en: 'Author',
  },
  'credits.date': {
    ja: '作成日',
    en: 'Date',
  },
  'credits.madeBy': {
    ja: '作成：',
    en: 'Made by: ',
  },

  // export
  'export.png': {
    ja: 'PNG 保存',
    en: 'Save PNG',
  },
  'export.pngHighRes': {
    ja: 'PNG（高解像度）',
    en: 'PNG (high resolution)',
  },
  'export.paper': {
    ja: '用紙',
    en: 'Paper',
  },
  'export.print': {
    ja: '印刷',
    en: 'Print',
  },
  'export.geojson': {
    ja: 'GeoJSON',
    en: 'GeoJSON',
  },
  'export.csv': {
    ja: 'CSV',
    en: 'CSV',
  },
  'export.printWhat': {
    ja: '印刷するもの',
    en: 'What to print',
  },
  'export.printMap': {
    ja: '地図',
    en: 'Map',
  },
  'export.printImc': {
    ja: 'IMCシート＋地図',
    en: 'IMC sheet + map',
  },

  // overlay
  'overlay.heading': {
    ja: '結合・重ね合わせ・距離',
    en: 'Join, overlay, distance',
  },
  'overlay.tool': {
    ja: '処理',
    en: 'Operation',
  },
  'overlay.join': {
    ja: '表を面に結合（キーの列で）',
    en: 'Join a table to polygons (by key)',
  },
  'overlay.buffer': {
    ja: 'バッファ（○m圏の面を作る）',
    en: 'Buffer (areas within m)',
  },
  'overlay.coverage': {
    ja: '面の重なり（被覆率）',
    en: 'Overlay: covered share',
  },
  'overlay.nearest': {
    ja: '最寄りまでの距離',
    en: 'Distance to nearest',
  },
  'overlay.target': {
    ja: '対象のレイヤ',
    en: 'Layer',
  },
  'overlay.targetKey': {
    ja: '対象のキーの列',
    en: 'Key column',
  },
  'overlay.table': {
    ja: '結合する表',
    en: 'Table to join',
  },
  'overlay.tableKey': {
    ja: '表のキーの列',
    en: 'Table key column',
  },
  'overlay.distance': {
    ja: '距離（m）',
    en: 'Distance (m)',
  },
  'overlay.coverLayer': {
    ja: '重ねる面のレイヤ',
    en: 'Covering polygon layer',
  },
  'overlay.toLayer': {
    ja: '最寄りを探すレイヤ',
    en: 'Nearest of layer',
  },
  'overlay.run': {
    ja: '実行',
    en: 'Run',
  },

  // tabs
  'tabs.map': {
    ja: '地図',
    en: 'Map',
  },
  'tabs.imc': {
    ja: '空間的課題解決チャート（IMC）',
    en: 'Problem-solving chart (IMC)',
  },

  // imc
  'imc.heading': {
    ja: '空間的課題解決チャート（IMC）',
    en: 'Spatial problem-solving chart (IMC)',
  },
  'imc.help': {
    ja: '1 行が 1 つの課題です。レイヤは点・線・面で考え、処理で組み合わせ方を決めます。行が埋まったら「この行から地図を作る」。',
    en: 'One row per problem. Think of layers as points, lines and polygons; the processing says how they combine. When a row is complete, make its map.',
  },
  'imc.addRow': {
    ja: '行を追加',
    en: 'Add a row',
  },
  'imc.addExamples': {
    ja: '研修の例を追加',
    en: 'Add the training examples',
  },
  'imc.purpose': {
    ja: '課題・目的',
    en: 'Problem / purpose',
  },
  'imc.baseMap': {
    ja: '背景図',
    en: 'Base map',
  },
  'imc.layer1': {
    ja: 'レイヤ１',
    en: 'Layer 1',
  },
  'imc.layer2': {
    ja: 'レイヤ２',
    en: 'Layer 2',
  },
  'imc.other': {
    ja: 'その他',
    en: 'Other',
  },
  'imc.processing': {
    ja: '処理、組み合わせ方等',
    en: 'Processing / how to combine',
  },
  'imc.title': {
    ja: '地図のタイトル',
    en: 'Map title',
  },
  'imc.samples': {
    ja: '{city}のデータ',
    en: 'Data of {city}',
  },
  'imc.loaded': {
    ja: '読み込んだレイヤ',
    en: 'Loaded layers',
  },
  'imc.wish': {
    ja: 'まだないデータ（欲しいデータ）',
    en: 'Data we would need',
  },
  'imc.wishName': {
    ja: 'データの名前',
    en: 'Name of the data',
  },
  'imc.geometry': {
    ja: '点・線・面',
    en: 'Point, line or polygon',
  },
  'imc.note': {
    ja: 'メモ',
    en: 'Note',
  },
  'imc.field': {
    ja: '数値の列',
    en: 'Numeric column',
  },
  'imc.processingNote': {
    ja: '組み合わせ方を言葉で',
    en: 'How to combine, in words',
  },
  'imc.make': {
    ja: 'この行から地図を作る',
    en: 'Make the map from this row',
  },
  'imc.op.count': {
    ja: '点の箇所数を面で集計',
    en: 'Count points per polygon',
  },
  'imc.op.count-per-km2': {
    ja: '箇所数を面で集計し面積で割る',
    en: 'Count per polygon, per km²',
  },
  'imc.op.sum': {
    ja: '点の値を面で合計',
    en: 'Sum point values per polygon',
  },
  'imc.op.mean': {
    ja: '点の値を面で平均',
    en: 'Mean of point values per polygon',
  },
  'imc.op.sum-per-other-count': {
    ja: '点の値の合計÷その他の箇所数（面ごと）',
    en: 'Sum of values ÷ count of "other" (per polygon)',
  },
  'imc.op.nearest': {
    ja: 'レイヤ１から最寄りのレイヤ２までの距離',
    en: 'Distance from layer 1 to the nearest of layer 2',
  },
  'imc.op.buffer-count': {
    ja: 'レイヤ２から○m圏にあるレイヤ１を数える',
    en: 'Count layer 1 within N m of layer 2',
  },
  'imc.op.coverage': {
    ja: 'レイヤ２の面積のうちレイヤ１が覆う割合',
    en: 'Share of layer 2 covered by layer 1',
  },
  'imc.op.join': {
    ja: 'レイヤ１（表）をレイヤ２にキーで結合',
    en: 'Join layer 1 (table) to layer 2 by key',
  },
  'imc.op.none': {
    ja: '—（選んでください）',
    en: '— (choose)',
  },
  'imc.op.free': {
    ja: 'その他（手作業）',
    en: 'Other (by hand)',
  },
  'imc.tableKey': {
    ja: '表（レイヤ１）のキーの列',
    en: 'Key column of the table (layer 1)',
  },
  'imc.targetKey': {
    ja: '面（レイヤ２）のキーの列',
    en: 'Key column of the polygons (layer 2)',
  },

  // base
  'base.label': {
    ja: '背景図',
    en: 'Base map',
  },
  'base.city': {
    ja: '市域の輪郭（オフライン）',
    en: 'City outline (offline)',
  },
  'base.plain': {
    ja: 'なし（白地）',
    en: 'None (white)',
  },
  'base.gsi': {
    ja: '地理院タイル（オンライン）',
    en: 'GSI tiles (online)',
  },
  'base.pmtiles': {
    ja: 'PMTiles ファイル（手元のファイル）…',
    en: 'PMTiles file (on this PC)…',
  },
  'base.pmtilesReopen': {
    ja: 'PMTiles ファイルを選び直す（ファイルは保存されません）',
    en: 'Choose the PMTiles file again (files are not stored)',
  },
  'base.online': {
    ja: 'オンライン地図を使う',
    en: 'Use online maps',
  },
  'base.onlineHelp': {
    ja: '地理院タイルを表示するため、国土地理院のサーバーへ通信します。LGWAN など庁外へ通信できない環境ではオフのままにしてください。',
    en: 'Shows GSI tiles by connecting to the Geospatial Information Authority of Japan. Keep this off on networks without internet access (LGWAN).',
  },
  'base.offlineNote': {
    ja: 'オンライン地図がオフのため、市域の輪郭を表示しています。',
    en: 'Online maps are off, so the city outline is shown.',
  },

  // title
  'title.label': {
    ja: '地図のタイトル',
    en: 'Map title',
  },
  'title.placeholder': {
    ja: '例：小学校区別不審者出没状況図',
    en: 'e.g. Suspicious-person reports by school district',
  },
  'title.untitled': {
    ja: '（タイトル未設定）',
    en: '(untitled map)',
  },

  // legend
  'legend.heading': {
    ja: '凡例',
    en: 'Legend',
  },
  'legend.countOf': {
    ja: '{layer}の件数',
    en: 'Count of {layer}',
  },
  'legend.areas': {
    ja: '{count} 区',
    en: '{count} areas',
  },
  'legend.source': {
    ja: '出典：',
    en: 'Source: ',
  },
  'legend.fold': {
    ja: '凡例をたたむ',
    en: 'Fold the legend',
  },
  'legend.unfold': {
    ja: '凡例を広げる',
    en: 'Unfold the legend',
  },
  'legend.suppressed': {
    ja: '秘匿（1〜{max}件）',
    en: 'Suppressed (1–{max})',
  },
  'suppress.label': {
    ja: '少ない件数を秘匿',
    en: 'Suppress small counts',
  },
  'suppress.none': {
    ja: 'しない',
    en: 'No',
  },
  'suppress.hint': {
    ja: '件数が 1〜k−1 の地区は、人が特定されないよう値を隠し、斜線の「秘匿」として示します（その件数から作った率も隠します）。0 件はそのまま示します。',
    en: 'Areas with 1 to k−1 are shown as one hatched class, their values hidden so no one can be picked out (rates built on them too). Zero is shown as it is.',
  },
  'legend.other': {
    ja: 'その他',
    en: 'Others',
  },

  // results
  'results.heading': {
    ja: '集計結果',
    en: 'Results',
  },
  'results.name': {
    ja: '区域',
    en: 'Area',
  },
  'results.more': {
    ja: '値の大きい {shown} 区域を表示しています（全 {count} 区域は、レイヤの「表」で見られます）。',
    en: 'The {shown} areas with the largest values are shown (all {count} in the layer\'s "Table").',
  },

  // map
  'map.label': {
    ja: '地図',
    en: 'Map',
  },
  'map.north': {
    ja: '北',
    en: 'N',
  },
  'identify.label': {
    ja: 'クリックした地物の属性',
    en: 'Attributes of the feature clicked',
  },
  'identify.close': {
    ja: '閉じる',
    en: 'Close',
  },
  'identify.more': {
    ja: 'ほか {count} 列はレイヤの「表」で見られます。',
    en: '{count} more columns in the layer\'s "Table".',
  },
  'gallery.empty': {
    ja: 'この市の設定には事例地図がまだありません。講師のページの「市の設定」で、演習や研修生の作業から加えられます。',
    en: 'This city setup has no example maps yet. Instructors add them from an exercise or a trainee\'s work under "City setup" on the Instructor page.',
  },
  'gallery.missing': {
    ja: '事例地図「{id}」はこの市の設定にありません',
    en: 'Example map "{id}" is not in this city setup',
  },
  'prepare.addressColumnMore': {
    ja: '続けてつなぐ列（任意。都道府県・市区町村・町丁目が別の列のとき）',
    en: 'Then join (optional: when prefecture, city and town are in separate columns)',
  },
  'prepare.cityExample': {
    ja: '例：石川県金沢市',
    en: 'e.g. 石川県金沢市',
  },
  // instructors: making lessons (教材をつくる) and the city setup (市の設定)
  'instructor.tab.work': {
    ja: '受講者の作業・パッケージ',
    en: 'Trainees\' work and packages',
  },
  'instructor.tab.author': {
    ja: '教材をつくる',
    en: 'Make lessons',
  },
  'instructor.tab.setup': {
    ja: '市の設定',
    en: 'City setup',
  },
  'author.heading': {
    ja: '教材をつくる',
    en: 'Make lessons',
  },
  'author.intro': {
    ja: '研修（カリキュラム）を画面で作ります。日本語は必須、英語は任意です。地図の課題は「地図づくりで正解の地図を作る」を押して、いつもの地図づくりで正解の地図を作り、「この地図を正解にする」で答え合わせを記録します。',
    en: 'Build a curriculum on screen. Japanese is required, English optional. For a map task press "Make the answer map in the workshop", make the map as usual, then press "Make this map the answer" to record its checks.',
  },
  'author.level': {
    ja: 'レベル',
    en: 'Level',
  },
  'author.new': {
    ja: '新しい研修をつくる',
    en: 'New curriculum',
  },
  'author.openZip': {
    ja: 'パッケージ（ZIP）を開いて編集',
    en: 'Open a package (ZIP) to edit',
  },
  'author.copyBuiltIn': {
    ja: '組み込みの研修をコピーして編集',
    en: 'Copy a built-in curriculum to adapt',
  },
  'author.aboutCurriculum': {
    ja: '研修の名前・対象・説明・id',
    en: 'title, audience, description, id',
  },
  'author.version': {
    ja: '版',
    en: 'Version',
  },
  'author.curriculumTitle': {
    ja: '研修の名前',
    en: 'Curriculum title',
  },
  'author.audience': {
    ja: '対象',
    en: 'Audience',
  },
  'author.description': {
    ja: '説明',
    en: 'Description',
  },
  'author.outline': {
    ja: 'レッスンとステップ',
    en: 'Lessons and steps',
  },
  'author.lessonTitle': {
    ja: 'レッスンの名前',
    en: 'Lesson title',
  },
  'author.stepKind': {
    ja: 'ステップの種類',
    en: 'Kind of step',
  },
  'author.addStep': {
    ja: 'ステップを追加',
    en: 'Add step',
  },
  'author.removeLesson': {
    ja: 'レッスンを削除',
    en: 'Remove lesson',
  },
  'author.addLesson': {
    ja: 'レッスンを追加',
    en: 'Add lesson',
  },
  'author.removeStep': {
    ja: 'ステップを削除',
    en: 'Remove step',
  },
  'author.kind.reading': {
    ja: '読む',
    en: 'Reading',
  },
  'author.kind.quiz': {
    ja: 'クイズ',
    en: 'Quiz',
  },
  'author.kind.reflection': {
    ja: '振り返り',
    en: 'Reflection',
  },
  'author.kind.survey': {
    ja: 'アンケート',
    en: 'Survey',
  },
  'author.kind.triage': {
    ja: 'データトリアージ',
    en: 'Data triage',
  },
  'author.kind.decision': {
    ja: '意思決定',
    en: 'Decision',
  },
  'author.kind.imc-task': {
    ja: 'IMC の課題',
    en: 'IMC task',
  },
  'author.kind.map-task': {
    ja: '地図の課題',
    en: 'Map task',
  },
  'author.ja': {
    ja: '日本語',
    en: 'Japanese',
  },
  'author.en': {
    ja: '英語（任意）',
    en: 'English (optional)',
  },
  'author.stepTitle': {
    ja: 'ステップの見出し',
    en: 'Step title',
  },
  'author.body': {
    ja: '本文（Markdown）',
    en: 'Text (Markdown)',
  },
  'author.preview': {
    ja: '表示の見本',
    en: 'Preview',
  },
  'author.question': {
    ja: '問題文',
    en: 'Question',
  },
  'author.choices': {
    ja: '選択肢（正解に印を付ける）',
    en: 'Choices (tick the right ones)',
  },
  'author.choice': {
    ja: '選択肢',
    en: 'Choice',
  },
  'author.correct': {
    ja: '正解',
    en: 'Right',
  },
  'author.remove': {
    ja: '削除',
    en: 'Remove',
  },
  'author.addChoice': {
    ja: '選択肢を追加',
    en: 'Add choice',
  },
  'author.explanation': {
    ja: '解説',
    en: 'Explanation',
  },
  'author.prompt': {
    ja: '問い',
    en: 'Prompt',
  },
  'author.minLength': {
    ja: '最低文字数',
    en: 'Minimum length',
  },
  'author.preSurvey': {
    ja: '研修前アンケートの質問です。研修後アンケートは同じ質問になります。',
    en: 'Questions of the pre-training survey; the post-training survey asks the same.',
  },
  'author.postSurvey': {
    ja: '研修後アンケートは研修前アンケートと同じ質問です（研修前の方で編集します）。',
    en: 'The post-training survey asks what the pre-training survey asks (edit it there).',
  },
  'author.answerType': {
    ja: '答え方',
    en: 'Answer type',
  },
  'author.scale': {
    ja: '5段階',
    en: 'Scale 1–5',
  },
  'author.freeText': {
    ja: '自由記述',
    en: 'Free text',
  },
  'author.addQuestion': {
    ja: '質問を追加',
    en: 'Add question',
  },
  'author.instructions': {
    ja: '課題の説明',
    en: 'Instructions',
  },
  'author.dataset': {
    ja: 'データ',
    en: 'Dataset',
  },
  'author.modelAnswer': {
    ja: '模範解答（公開の範囲）',
    en: 'Model answer (who may see it)',
  },
  'author.reason': {
    ja: '理由',
    en: 'Reason',
  },
  'author.restrictions': {
    ja: '制限（利用者・目的。公開より狭いときメモを求める）',
    en: 'Restrictions (users, purpose; a memo is asked below open data)',
  },
  'author.addDataset': {
    ja: 'データを追加',
    en: 'Add dataset',
  },
  'author.situation': {
    ja: '状況',
    en: 'Situation',
  },
  'author.exampleMaps': {
    ja: '横に開く事例地図',
    en: 'Example maps opened beside it',
  },
  'author.option': {
    ja: '選択肢',
    en: 'Option',
  },
  'author.feedback': {
    ja: '選んだときの講評',
    en: 'Feedback when chosen',
  },
  'author.addOption': {
    ja: '選択肢を追加',
    en: 'Add option',
  },
  'author.pick': {
    ja: '選ぶ数',
    en: 'How many to choose',
  },
  'author.justification': {
    ja: '理由を書かせる問い',
    en: 'Prompt for the reasons',
  },
  'author.discussion': {
    ja: '話し合いのポイント',
    en: 'Discussion',
  },
  'author.dataWords': {
    ja: '{layer}のデータの言葉（、区切り・どれか一つ）',
    en: 'Words for the data of {layer} (comma-separated, any one)',
  },
  'author.purposeWords': {
    ja: '課題・目的に求める言葉（1行に1組、、区切りはどれか一つ）',
    en: 'Words the purpose must hold (one group per line; any word of a group)',
  },
  'author.titleWords': {
    ja: 'タイトルに求める言葉（1行に1組）',
    en: 'Words the title must hold (one group per line)',
  },
  'author.continues': {
    ja: '前の地図の課題の地図を続けて使う',
    en: 'Goes on with the previous map task\'s map',
  },
  'author.checks': {
    ja: '答え合わせ（確かめること）',
    en: 'Checks',
  },
  'author.checksHint': {
    ja: '答え合わせは正解の地図から作られます。言葉や数は直せます。直したら「もう一度試す」で確かめてください。',
    en: 'Checks are made from the answer map; words and numbers can be edited. After editing press "Try again".',
  },
  'author.addCheck': {
    ja: '答え合わせを追加',
    en: 'Add check',
  },
  'author.check.layer-loaded': {
    ja: 'データが地図にある',
    en: 'Data on the map',
  },
  'author.check.counts-match': {
    ja: '面ごとの件数が正解と同じ',
    en: 'Counts per area equal the answer',
  },
  'author.check.classification': {
    ja: '階級の分け方',
    en: 'Class method',
  },
  'author.check.title-set': {
    ja: 'タイトル',
    en: 'Title',
  },
  'author.check.sources-given': {
    ja: '出典がある',
    en: 'Sources given',
  },
  'author.check.rates-smoothed': {
    ja: '経験ベイズ率',
    en: 'Empirical Bayes rate',
  },
  'author.check.safe-to-publish': {
    ja: '公開できる形',
    en: 'Safe to publish',
  },
  'author.check.units-compared': {
    ja: '区切り方を変えて比べる',
    en: 'Compared by units of area',
  },
  'author.check.column-cleaned': {
    ja: '列が整っている',
    en: 'Column cleaned',
  },
  'author.check.addresses-matched': {
    ja: '住所照合',
    en: 'Addresses matched',
  },
  'author.minFeatures': {
    ja: '位置のある行の数（以上）',
    en: 'Rows with a location (at least)',
  },
  'author.classCount': {
    ja: '階級の数',
    en: 'Classes',
  },
  'author.titleMust': {
    ja: '含む言葉（、区切り）',
    en: 'Must contain (comma-separated)',
  },
  'author.datasets': {
    ja: '課題のデータ',
    en: 'Task data',
  },
  'author.noDatasets': {
    ja: 'まだありません。正解の地図を作ると、その地図のデータが課題のデータになります。',
    en: 'None yet. The data of the answer map becomes the task\'s data.',
  },
  'author.keyField': {
    ja: '答えの鍵にする列',
    en: 'Column keying the answer',
  },
  'author.keyFieldAuto': {
    ja: '空欄なら ID・コードの列を自動で',
    en: 'blank: an id or code column',
  },
  'author.makeAnswer': {
    ja: '地図づくりで正解の地図を作る',
    en: 'Make the answer map in the workshop',
  },
  'author.retry': {
    ja: 'もう一度試す',
    en: 'Try again',
  },
  'author.trialMap': {
    ja: '試した地図',
    en: 'Map tried',
  },
  'author.trialExpected': {
    ja: '期待',
    en: 'Expected',
  },
  'author.trialResult': {
    ja: '結果',
    en: 'Result',
  },
  'author.trial.answer': {
    ja: '正解の地図（あなたの地図）',
    en: 'The answer map (yours)',
  },
  'author.trial.empty': {
    ja: '空の地図',
    en: 'An empty map',
  },
  'author.trial.loaded': {
    ja: 'データを読み込んだだけの地図',
    en: 'Data loaded, nothing done',
  },
  'author.trial.off': {
    ja: '件数を一つ変えた地図',
    en: 'One count changed',
  },
  'author.mustPass': {
    ja: '合格するはず',
    en: 'must pass',
  },
  'author.mustFail': {
    ja: '不合格になるはず',
    en: 'must fail',
  },
  'author.passed': {
    ja: '合格',
    en: 'passed',
  },
  'author.failed': {
    ja: '不合格',
    en: 'failed',
  },
  'author.messages': {
    ja: 'メッセージ',
    en: 'Messages',
  },
  'author.problems': {
    ja: '直すところが {count} 件あります',
    en: '{count} things to fix',
  },
  'author.noProblems': {
    ja: 'このまま書き出して使えます',
    en: 'Ready to export and use',
  },
  'author.check': {
    ja: '確かめる・保存',
    en: 'Check and save',
  },
  'author.previewAsTrainee': {
    ja: '受講者として試す',
    en: 'Preview as a trainee',
  },
  'author.export': {
    ja: 'ZIP で書き出す',
    en: 'Export as ZIP',
  },
  'author.close': {
    ja: '閉じる',
    en: 'Close',
  },
  'author.recordingLabel': {
    ja: '正解の地図づくり',
    en: 'Making the answer map',
  },
  'author.recording': {
    ja: '教材「{step}」の正解の地図を作っています。課題のデータを読み込み、地図を仕上げたら押してください →',
    en: 'Making the answer map of "{step}". Load the task\'s data, finish the map, then press →',
  },
  'author.record': {
    ja: 'この地図を正解にする',
    en: 'Make this map the answer',
  },
  'setup.heading': {
    ja: '市の設定',
    en: 'City setup',
  },
  'setup.intro': {
    ja: 'この市の研修で使うもの（市の名前、住所照合の既定の市区町村、基本のレイヤ、住所辞書、背景図、事例地図、研修）をこのブラウザに保存し、ZIP 1つで他の PC に配れます。ZIP を app と同じサーバーの city/ フォルダに展開すると、どの PC でも最初から使えます。',
    en: 'What this city\'s training uses (name, default city for addresses, base layers, dictionaries, base map, example maps, curricula), kept in this browser and handed on as one ZIP. Unpacked into a city/ folder beside the app on the server, every PC uses it from the start.',
  },
  'setup.source.installed': {
    ja: 'このブラウザに保存',
    en: 'kept in this browser',
  },
  'setup.source.server': {
    ja: 'サーバーの city/ フォルダ',
    en: 'from the server\'s city/ folder',
  },
  'setup.source.sample': {
    ja: 'アプリ付属のサンプル',
    en: 'sample shipped with the app',
  },
  'setup.install': {
    ja: '市の設定（ZIP）を入れる',
    en: 'Install a city setup (ZIP)',
  },
  'setup.export': {
    ja: '市の設定を ZIP で書き出す',
    en: 'Export the city setup as ZIP',
  },
  'setup.uninstall': {
    ja: 'このブラウザの設定を消す',
    en: 'Remove the setup kept here',
  },
  'setup.copyOnEdit': {
    ja: '変更すると、この設定のコピーがこのブラウザに保存されます。',
    en: 'Changing it keeps a copy of this setup in this browser.',
  },
  'setup.identity': {
    ja: '市の名前と住所',
    en: 'Name and addresses',
  },
  'setup.name': {
    ja: '名前',
    en: 'Name',
  },
  'setup.nameEn': {
    ja: '名前（英語・任意）',
    en: 'Name (English, optional)',
  },
  'setup.code': {
    ja: '全国地方公共団体コード',
    en: 'Local government code',
  },
  'setup.addressCity': {
    ja: '市区町村が書かれていない住所の市区町村',
    en: 'City of addresses that name none',
  },
  'setup.layers': {
    ja: '基本のレイヤ',
    en: 'Base layers',
  },
  'setup.layersHint': {
    ja: '地図づくりで読み込んだレイヤ（出典も）を、レイヤの選択肢や IMC に並ぶ市のデータにできます。',
    en: 'Layers loaded in the workshop (with their sources) can become the city\'s data offered in layer pickers and the IMC chart.',
  },
  'setup.geometry.point': {
    ja: '点',
    en: 'points',
  },
  'setup.geometry.line': {
    ja: '線',
    en: 'lines',
  },
  'setup.geometry.polygon': {
    ja: '面',
    en: 'polygons',
  },
  'setup.layerToAdd': {
    ja: '今の地図のレイヤを選ぶ',
    en: 'Choose a layer of the current map',
  },
  'setup.addLayer': {
    ja: '市の設定に加える',
    en: 'Add to the setup',
  },
  'setup.baseMap': {
    ja: '背景図（PMTiles）',
    en: 'Base map (PMTiles)',
  },
  'setup.noPmtiles': {
    ja: 'なし（市域の輪郭を使います）',
    en: 'None (the city outline is used)',
  },
  'setup.choosePmtiles': {
    ja: 'PMTiles ファイルを選ぶ',
    en: 'Choose a PMTiles file',
  },
  'setup.dictionaries': {
    ja: '住所辞書',
    en: 'Address dictionaries',
  },
  'setup.addDictionary': {
    ja: '住所辞書を加える（位置参照情報・Geolonia CSV）',
    en: 'Add an address dictionary (MLIT or Geolonia CSV)',
  },
  'setup.gallery': {
    ja: '事例地図',
    en: 'Example maps',
  },
  'setup.exampleFromMap': {
    ja: '今の地図「{title}」を事例地図にできます（研修生の作業は「受講者の作業」の「詳しく」から）。',
    en: 'The current map "{title}" can become an example map (trainees\' work: "Details" under Trainees\' work).',
  },
  'setup.untitled': {
    ja: '無題',
    en: 'untitled',
  },
  'setup.makeExample': {
    ja: '事例地図にする',
    en: 'Make it an example map',
  },
  'setup.exampleTitle': {
    ja: '事例地図の名前',
    en: 'Example map title',
  },
  'setup.saveExample': {
    ja: '事例地図に加える',
    en: 'Add to example maps',
  },
  'setup.cancel': {
    ja: 'やめる',
    en: 'Cancel',
  },
  'setup.exampleNeeds': {
    ja: '名前・問い・判断・読み方の注意を日本語で書いてください。',
    en: 'Write the title, question, decision and caution in Japanese.',
  },
  'setup.exampleSaved': {
    ja: '事例地図に加えました（事例地図のページと、書き出す市の設定に入ります）。',
    en: 'Added to the example maps (on the Example maps page and in the exported setup).',
  },
  'map.baseAttribution': {
    ja: '背景：{source}',
    en: 'Base: {source}',
  },

  // save
  'save.saved': {
    ja: '保存済み',
    en: 'Saved',
  },
  'save.saving': {
    ja: '保存中…',
    en: 'Saving…',
  },
  'save.failed': {
    ja: '保存できませんでした',
    en: 'Could not save',
  },

  // review
  'review.title': {
    ja: '{file} の読み込み',
    en: 'Loading {file}',
  },
  'review.axes.question': {
    ja: 'どちらの列が北向き（南北）の距離ですか。公共測量では X が北向きです。',
    en: 'Which column is the northing? In Japanese surveying X is the northing.',
  },
  'review.axes.north': {
    ja: '「{column}」が北向き、「{other}」が東向き',
    en: '"{column}" north, "{other}" east',
  },
  'review.swap.question': {
    ja: '緯度と経度の列が逆のようです。',
    en: 'The latitude and longitude columns seem to be swapped.',
  },
  'review.swap.yes': {
    ja: '入れ替えて読み込む',
    en: 'Swap them',
  },
  'review.swap.no': {
    ja: 'そのまま読み込む',
    en: 'Load as they are',
  },
  'review.crs.question': {
    ja: '座標がメートル単位ですが、座標系の指定（.prj）がありません。どの座標系ですか？',
    en: 'The coordinates are in metres but no coordinate system (.prj) is given. Which one is it?',
  },
  'review.crs.datum': {
    ja: '測地系',
    en: 'Datum',
  },
  'review.crs.tokyo': {
    ja: '旧日本測地系（Tokyo、数 m の誤差）',
    en: 'Tokyo datum (old, errors of a few metres)',
  },
  'review.crs.zone': {
    ja: '平面直角座標系',
    en: 'Japan Plane Rectangular zone',
  },
  'review.crs.zoneOption': {
    ja: '第{zone}系（{area}）',
    en: 'Zone {zone} ({area})',
  },
  'review.layers.question': {
    ja: '読み込むレイヤを選んでください',
    en: 'Choose the layers to load',
  },
  'review.sheet': {
    ja: 'シート',
    en: 'Sheet',
  },
  'review.layout.question': {
    ja: '見出しの行と、位置の列を確かめてください',
    en: 'Check the header row and the location columns',
  },
  'review.layout.hint': {
    ja: '表の見出し（列の名前）が書かれている行を選んでください。その上の行（タイトル・日付など）は表に入れません。',
    en: 'Pick the row that holds the column names. Rows above it (a title, a date) are left out of the table.',
  },
  'review.layout.headerRow': {
    ja: '見出し',
    en: 'Header',
  },
  'review.layout.rowNumber': {
    ja: '行',
    en: 'Row',
  },
  'review.layout.latitude': {
    ja: '緯度の列',
    en: 'Latitude column',
  },
  'review.layout.longitude': {
    ja: '経度の列',
    en: 'Longitude column',
  },
  'review.layout.none': {
    ja: 'なし（表として読む）',
    en: 'None (load as a table)',
  },
  'review.layout.asTable': {
    ja: '緯度と経度の列がそろっていないため、地図には載せず表として読み込みます。',
    en: 'Without both a latitude and a longitude column, this is loaded as a table, not on the map.',
  },
  'review.layout.address': {
    ja: '住所の列「{column}」があります。読み込んだ後、「データを整える」の「住所照合」で位置を求められます。',
    en: 'There is an address column, "{column}". After loading, “Prepare data” → “Match addresses” finds the places.',
  },
  'review.encoding': {
    ja: '文字コード',
    en: 'Text encoding',
  },
  'review.preview': {
    ja: 'プレビュー（先頭 5 行）',
    en: 'Preview (first 5 rows)',
  },
  'review.summary': {
    ja: '{layers} レイヤ・{features} 件を読み込みます。',
    en: '{layers} layers, {features} features will be loaded.',
  },
  'review.cancel': {
    ja: 'やめる',
    en: 'Cancel',
  },
  'review.accept': {
    ja: '読み込む',
    en: 'Load',
  },

  // busy
  'busy.cancel': {
    ja: '中止',
    en: 'Cancel',
  },

  // table
  'table.heading': {
    ja: '属性テーブル：{layer}',
    en: 'Attribute table: {layer}',
  },
  'table.sorting': {
    ja: '並べ替え中…',
    en: 'Sorting…',
  },
  'table.count': {
    ja: '{count} 行',
    en: '{count} rows',
  },
  'table.columnRange': {
    ja: '列 {from}〜{to}（全 {count} 列）',
    en: 'columns {from}–{to} of {count}',
  },
  'table.previousColumns': {
    ja: '前の列',
    en: 'Previous columns',
  },
  'table.nextColumns': {
    ja: '次の列',
    en: 'Next columns',
  },
  'table.open': {
    ja: '表',
    en: 'Table',
  },
  'table.type.number': {
    ja: '数値',
    en: 'number',
  },
  'table.type.text': {
    ja: '文字',
    en: 'text',
  },
  'table.type.date': {
    ja: '日付',
    en: 'date',
  },
  'table.type.boolean': {
    ja: '真偽',
    en: 'yes/no',
  },
  'table.type.empty': {
    ja: '空',
    en: 'empty',
  },

  // message
  'message.closeAll': {
    ja: 'お知らせをすべて閉じる（{count} 件）',
    en: 'Close all {count} notices',
  },
  'message.more': {
    ja: '詳しく',
    en: 'Details',
  },
  'message.less': {
    ja: '閉じて一行に',
    en: 'One line',
  },
  'message.count': {
    ja: '{count} 件',
    en: '{count} notices',
  },
  'message.otherLanguage': {
    ja: 'English も表示',
    en: '日本語も表示',
  },
  'message.oneLanguage': {
    ja: '日本語だけにする',
    en: 'English only',
  },
  'message.close': {
    ja: '閉じる',
    en: 'Close',
  },
  'message.warning': {
    ja: '注意',
    en: 'Warning',
  },
  'message.error': {
    ja: 'エラー',
    en: 'Error',
  },
  'message.info': {
    ja: '結果',
    en: 'Result',
  },

  // nav
  'nav.label': {
    ja: '画面',
    en: 'Views',
  },
  'nav.workspace': {
    ja: '地図づくり',
    en: 'Map workshop',
  },
  'nav.lessons': {
    ja: '研修',
    en: 'Lessons',
  },
  'nav.instructor': {
    ja: '講師',
    en: 'Instructor',
  },
  'nav.gallery': {
    ja: '事例地図',
    en: 'Example maps',
  },

  // lessons
  'lessons.heading': {
    ja: '研修カリキュラム',
    en: 'Curricula',
  },
  'lessons.trainee': {
    ja: '受講者名',
    en: 'Your name',
  },
  'lessons.traineeHint': {
    ja: '名前は進み具合と一緒にこのブラウザに保存され、講師に提出する作業ファイルに入ります。',
    en: 'Your name is saved with your progress in this browser and goes into the work file you hand in.',
  },
  'lessons.start': {
    ja: '始める',
    en: 'Start',
  },
  'lessons.resume': {
    ja: '続きから',
    en: 'Resume',
  },
  'lessons.level': {
    ja: '研修{level}',
    en: 'Level {level}',
  },
  'lessons.imported': {
    ja: '読み込んだパッケージ',
    en: 'Loaded package',
  },
  'lessons.progressHeading': {
    ja: 'このブラウザでの進み具合',
    en: 'Progress in this browser',
  },
  'lessons.noProgress': {
    ja: 'まだ始めた研修はありません。',
    en: 'No lessons started yet.',
  },
  'lessons.steps': {
    ja: '{done} / {total} ステップ',
    en: '{done} / {total} steps',
  },
  'lessons.complete': {
    ja: '修了',
    en: 'Completed',
  },
  'lessons.exportWork': {
    ja: '作業ファイルを書き出す（講師に提出）',
    en: 'Export work file (to hand in)',
  },
  'lessons.openProblems': {
    ja: 'カリキュラムを開けません',
    en: 'The curriculum cannot be opened',
  },
  'lessons.needName': {
    ja: '受講者名を入れてください。',
    en: 'Enter your name.',
  },

  // runner
  'runner.label': {
    ja: '研修の進行',
    en: 'Lesson',
  },
  'runner.lessonOf': {
    ja: 'レッスン {n} / {total}',
    en: 'Lesson {n} of {total}',
  },
  'runner.stepOf': {
    ja: 'ステップ {n} / {total}',
    en: 'Step {n} of {total}',
  },
  'runner.next': {
    ja: '次へ',
    en: 'Next',
  },
  'runner.previous': {
    ja: '前へ',
    en: 'Back',
  },
  'runner.read': {
    ja: '読みました',
    en: 'Done reading',
  },
  'runner.answer': {
    ja: '回答する',
    en: 'Answer',
  },
  'runner.correct': {
    ja: '正解です',
    en: 'Correct',
  },
  'runner.incorrect': {
    ja: '不正解です。解説を読んで、もう一度選ぶこともできます。',
    en: 'Not correct. Read the explanation; you may answer again.',
  },
  'runner.chooseAll': {
    ja: '当てはまるものをすべて選んでください。',
    en: 'Choose all that apply.',
  },
  'runner.loadData': {
    ja: '課題のデータを読み込む',
    en: 'Load the task\'s data',
  },
  'runner.check': {
    ja: '確かめる',
    en: 'Check',
  },
  'runner.passed': {
    ja: '合格です。次へ進みましょう。',
    en: 'Passed. Go on to the next step.',
  },
  'runner.notYet': {
    ja: 'まだ合っていないところが {count} つあります。✗ の行を直して、もう一度「確かめる」を押してください。',
    en: '{count} thing(s) to fix: correct the ✗ lines, then press "Check" again.',
  },
  'runner.verdict': {
    ja: '確かめた結果',
    en: 'Result of the check',
  },
  'runner.openImc': {
    ja: 'IMC タブを開く',
    en: 'Open the IMC tab',
  },
  'runner.checkTriage': {
    ja: '答え合わせ',
    en: 'Check answers',
  },
  'runner.triageScore': {
    ja: '{right} / {total} が想定どおりの区分でした。',
    en: '{right} of {total} placed as expected.',
  },
  'runner.triageOthers': {
    ja: 'ほかに {acceptable} 件は、理由づけ次第で妥当な別の区分でした。',
    en: '{acceptable} more were at another level that can be defended.',
  },
  'runner.triageMemosMissing': {
    ja: '{count} 件で制限（利用者・目的）のメモが足りません。',
    en: '{count} lack the memo on restrictions (users, purpose).',
  },
  'runner.triageYou': {
    ja: 'あなた：{level}',
    en: 'You: {level}',
  },
  'runner.triageModel': {
    ja: '模範：{level}',
    en: 'Model answer: {level}',
  },
  'runner.triageAcceptable': {
    ja: '別の考え方として妥当です',
    en: 'Defensible, with this in mind',
  },
  'runner.triageMemoMissing': {
    ja: 'この区分では利用者と目的の制限が要ります。メモ欄に、誰が・何のために使えるかを書いてください（例：利用者は担当課の職員、目的は所管事務に限る。模範の制限は下に）。',
    en: 'This level needs restrictions on users and purpose: write in the memo who may use it and what for (e.g. staff of the section, for its own duties; the model restrictions are below).',
  },
  'runner.tried': {
    ja: '答えたが、まだ直すところがあります',
    en: 'answered, with things still to fix',
  },
  'runner.triageDataset': {
    ja: 'データ',
    en: 'Dataset',
  },
  'runner.triageNote': {
    ja: '制限のメモ（利用者・目的）',
    en: 'Restrictions (users, purpose)',
  },
  'runner.expected': {
    ja: '想定：{level}',
    en: 'Expected: {level}',
  },
  'runner.restrictions': {
    ja: '制限',
    en: 'Restrictions',
  },
  'runner.pick': {
    ja: '{n} つ選んでください。',
    en: 'Choose {n}.',
  },
  'runner.decide': {
    ja: '決める',
    en: 'Decide',
  },
  'runner.submit': {
    ja: '送信',
    en: 'Submit',
  },
  'runner.saved': {
    ja: '保存しました',
    en: 'Saved',
  },
  'runner.minLength': {
    ja: '{n} 文字以上で書いてください（今 {count} 文字）。',
    en: 'Write at least {n} characters (now {count}).',
  },
  'runner.scaleLow': {
    ja: 'そう思わない',
    en: 'Disagree',
  },
  'runner.scaleHigh': {
    ja: 'そう思う',
    en: 'Agree',
  },
  'runner.openExample': {
    ja: 'この事例地図を開く',
    en: 'Open this example map',
  },
  'runner.collapse': {
    ja: '研修の欄をたたむ',
    en: 'Hide the lesson',
  },
  'runner.expand': {
    ja: '研修',
    en: 'Lesson',
  },
  'runner.leave': {
    ja: '研修を離れる',
    en: 'Leave the lesson',
  },
  'runner.done': {
    ja: '完了',
    en: 'Done',
  },
  'runner.summaryHeading': {
    ja: '修了のまとめ',
    en: 'Summary',
  },
  'runner.summaryQuizzes': {
    ja: 'クイズ：{right} / {total} 問正解',
    en: 'Quizzes: {right} of {total} right',
  },
  'runner.summaryTasks': {
    ja: '地図・IMC 課題：{passed} / {total} 合格',
    en: 'Map and IMC tasks: {passed} of {total} passed',
  },
  'runner.summaryTriage': {
    ja: 'データトリアージ：{right} / {total} が想定どおり、{acceptable} が妥当な別の区分',
    en: 'Data triage: {right} of {total} as expected, {acceptable} at another defensible level',
  },
  'runner.summaryRemaining': {
    ja: 'まだ終わっていないステップ',
    en: 'Steps not finished',
  },
  'runner.summaryComplete': {
    ja: 'すべてのステップを終えました。作業ファイルを書き出して講師に提出してください。',
    en: 'All steps finished. Export your work file and hand it to the instructor.',
  },
  'runner.leaveHint': {
    ja: '研修の欄を閉じます。進み具合は保存されていて、「研修」の画面から続きを始められます。',
    en: 'Closes the lesson. Your progress is saved; resume it from the Lessons page.',
  },

  // triage
  'triage.department': {
    ja: '部署内限定',
    en: 'Department only',
  },
  'triage.office': {
    ja: '庁内限定',
    en: 'Office only',
  },
  'triage.on-request': {
    ja: '請求による公開',
    en: 'On request',
  },
  'triage.open': {
    ja: 'オープンデータ',
    en: 'Open data',
  },

  // instructor
  'instructor.heading': {
    ja: '講師',
    en: 'Instructor',
  },
  'instructor.packageHeading': {
    ja: 'カリキュラムパッケージ',
    en: 'Curriculum package',
  },
  'instructor.packageHint': {
    ja: 'curriculum.json とデータを入れた ZIP を選ぶと、内容を検証してプレビューします。',
    en: 'Choose a ZIP with curriculum.json and its data to validate and preview it.',
  },
  'instructor.openPackage': {
    ja: 'パッケージ（ZIP）を開く',
    en: 'Open a package (ZIP)',
  },
  'instructor.valid': {
    ja: '問題はありません',
    en: 'No problems found',
  },
  'instructor.invalid': {
    ja: 'このパッケージには {count} 件の問題があります',
    en: 'This package has {count} problem(s)',
  },
  'instructor.publish': {
    ja: 'このブラウザの研修に追加',
    en: 'Add to this browser\'s lessons',
  },
  'instructor.published': {
    ja: '研修に追加しました',
    en: 'Added to the lessons',
  },
  'instructor.workHeading': {
    ja: '受講者の作業',
    en: 'Trainees\' work',
  },
  'instructor.importWork': {
    ja: '作業ファイルを読み込む（複数可）',
    en: 'Load work files (several at once)',
  },
  'instructor.exportSummary': {
    ja: 'まとめを CSV で書き出す',
    en: 'Export summary CSV',
  },
  'class.heading': {
    ja: 'クラスの結果：{title}（{count} 人）',
    en: 'The class: {title} ({count} trainees)',
  },
  'class.print': {
    ja: 'クラスの結果を印刷',
    en: 'Print the class results',
  },
  'class.progress': {
    ja: 'ステップごとの進み具合',
    en: 'Progress per step',
  },
  'class.done': {
    ja: '{done} / {total} 人が完了',
    en: '{done} of {total} done',
  },
  'class.passed': {
    ja: '合格・正解 {passed} 人',
    en: '{passed} passed',
  },
  'class.attempts': {
    ja: '試行 {attempts} 回',
    en: '{attempts} attempts',
  },
  'class.answered': {
    ja: '（{count} 人が回答）',
    en: '({count} answered)',
  },
  'class.triageHint': {
    ja: '各区分を選んだ人数です（◎ 模範、△ 理由づけ次第で妥当）。意見が分かれたデータから話し合いましょう。',
    en: 'How many chose each level (◎ model answer, △ defensible). Discuss the datasets where the class is split first.',
  },
  'class.memos': {
    ja: '制限のメモ',
    en: 'Memos on restrictions',
  },
  'class.survey': {
    ja: '研修前後アンケート（1〜5 の平均）',
    en: 'Survey before and after (mean of 1–5)',
  },
  'class.before': {
    ja: '研修前',
    en: 'Before',
  },
  'class.after': {
    ja: '研修後',
    en: 'After',
  },
  'class.change': {
    ja: '変化（両方に答えた人）',
    en: 'Change (those who answered both)',
  },
  'instructor.clear': {
    ja: '一覧を空にする',
    en: 'Clear the list',
  },
  'instructor.noWork': {
    ja: '受講者の作業ファイル（.chizudojo.json）を読み込むと、ここに一覧が出ます。',
    en: 'Load trainees\' work files (.chizudojo.json) to list them here.',
  },
  'instructor.trainee': {
    ja: '受講者',
    en: 'Trainee',
  },
  'instructor.curriculum': {
    ja: 'カリキュラム',
    en: 'Curriculum',
  },
  'instructor.progress': {
    ja: '進み具合',
    en: 'Progress',
  },
  'instructor.quizzes': {
    ja: 'クイズ',
    en: 'Quizzes',
  },
  'instructor.tasks': {
    ja: '課題',
    en: 'Tasks',
  },
  'instructor.triage': {
    ja: 'トリアージ',
    en: 'Triage',
  },
  'instructor.updated': {
    ja: '最終更新',
    en: 'Last change',
  },
  'instructor.unknownCurriculum': {
    ja: 'このブラウザにないカリキュラムです（{id}）。パッケージを開くと詳しく見られます。',
    en: 'Curriculum not in this browser ({id}); open its package to see details.',
  },
  'instructor.details': {
    ja: '詳しく',
    en: 'Details',
  },
  'instructor.noAnswer': {
    ja: '未回答',
    en: 'No answer',
  },
  'instructor.taskMap': {
    ja: '課題の地図',
    en: 'Map of the task',
  },
  'instructor.mapMissing': {
    ja: 'この課題の地図は作業ファイルに入っていません。',
    en: 'The task\'s map is not in the work file.',
  },
  'instructor.pre': {
    ja: '前',
    en: 'pre',
  },
  'instructor.post': {
    ja: '後',
    en: 'post',
  },

  // gallery
  'gallery.heading': {
    ja: '事例地図',
    en: 'Example maps',
  },
  'gallery.intro': {
    ja: 'サンプルデータから作った主題図です。それぞれの地図が答える問いと、支える判断を読み取りましょう。地図は閲覧のみで、作業内容には影響しません。',
    en: 'Thematic maps made from the sample data. Read the question each answers and the decision it supports. The maps are read-only and do not touch your work.',
  },
  'gallery.question': {
    ja: '問い',
    en: 'Question',
  },
  'gallery.decision': {
    ja: '支える判断',
    en: 'Decision it informs',
  },
  'gallery.caution': {
    ja: '読むときの注意',
    en: 'Read with care',
  },
  'gallery.imc': {
    ja: 'IMC の行',
    en: 'IMC row',
  },
  'gallery.open': {
    ja: '地図を開く',
    en: 'Open the map',
  },
  'gallery.drawing': {
    ja: '地図の絵を作っています…',
    en: 'Drawing the map…',
  },
  'gallery.back': {
    ja: '一覧に戻る',
    en: 'Back to the list',
  },
  'gallery.making': {
    ja: '地図を作っています…',
    en: 'Making the map…',
  },
  'gallery.readOnly': {
    ja: '閲覧のみ',
    en: 'Read-only',
  },

  // storage
  'storage.blocked': {
    ja: '地図道場の古い版が別のタブで開いています。そのタブを閉じるか再読み込みすると、この画面が開きます。',
    en: 'An older Chizu Dojo is open in another tab. Close or reload that tab and this page will open.',
  },
  'storage.unavailable': {
    ja: 'このブラウザでは作業を保存できません（プライベートウィンドウや設定で保存が禁止されています）。作業はこの画面を閉じると消えます。「演習を書き出す」でファイルに残してください。',
    en: 'This browser cannot save your work (private window or storage disabled). Your work disappears when this page closes: export it to a file.',
  },
  'storage.upgraded': {
    ja: '地図道場が別のタブで新しい版に更新されました。このタブでは保存を止めています。再読み込みしてください（このタブの演習は書き出せます）。',
    en: 'Chizu Dojo was updated in another tab. Saving in this tab has stopped; reload the page (you can still export this tab\'s exercise).',
  },
  'storage.reload': {
    ja: '再読み込み',
    en: 'Reload',
  },
  'storage.persisted': {
    ja: '保存領域：永続（ブラウザが自動で消しません）',
    en: 'Storage: persistent (the browser will not clear it)',
  },
  'storage.notPersisted': {
    ja: '保存領域：一時（ディスクが不足するとブラウザが消すことがあります。書き出して残しましょう）',
    en: 'Storage: best-effort (the browser may clear it when the disk is full; export to keep your work)',
  },
  'storage.usage': {
    ja: '使用量 {usage} / 上限 {quota}',
    en: '{usage} used of {quota}',
  },
  'storage.updateReady': {
    ja: '地図道場の新しい版を読み込みました。再読み込みすると新しい版で開きます（作業は保存されています）。',
    en: 'A new version of Chizu Dojo has been downloaded. Reload to use it (your work is saved).',
  },

  // library
  'library.heading': {
    ja: '演習',
    en: 'Exercises',
  },
  'library.current': {
    ja: '開いている演習',
    en: 'Open exercise',
  },
  'library.untitled': {
    ja: '無題の演習',
    en: 'Untitled exercise',
  },
  'library.new': {
    ja: '新しい演習',
    en: 'New exercise',
  },
  'library.open': {
    ja: '開く',
    en: 'Open',
  },
  'library.rename': {
    ja: '名前を変える',
    en: 'Rename',
  },
  'library.renamePrompt': {
    ja: '演習（地図）の名前',
    en: 'Name of the exercise (map)',
  },
  'library.duplicate': {
    ja: '複製',
    en: 'Duplicate',
  },
  'library.delete': {
    ja: '削除',
    en: 'Delete',
  },
  'library.deleted': {
    ja: '「{title}」を削除しました。',
    en: 'Deleted "{title}".',
  },
  'library.undoDelete': {
    ja: '元に戻す',
    en: 'Undo',
  },
  'library.layers': {
    ja: '{count} レイヤ',
    en: '{count} layers',
  },
  'library.exportOne': {
    ja: 'この演習を書き出す',
    en: 'Export this exercise',
  },
  'library.exportAll': {
    ja: 'すべて書き出す（バックアップ）',
    en: 'Export all (backup)',
  },
  'library.import': {
    ja: '演習ファイルを読み込む',
    en: 'Import an exercise file',
  },
  'library.imported': {
    ja: '{count} 件の演習を読み込みました。',
    en: 'Imported {count} exercise(s).',
  },
  'library.collision': {
    ja: '「{file}」の演習 {count} 件は、このブラウザにすでにあります。',
    en: '{count} exercise(s) in "{file}" already exist in this browser.',
  },
  'library.overwrite': {
    ja: '上書きする',
    en: 'Overwrite',
  },
  'library.keepBoth': {
    ja: '両方残す（コピーとして読み込む）',
    en: 'Keep both (import as copies)',
  },
  'library.cancel': {
    ja: 'やめる',
    en: 'Cancel',
  },
  'library.backupDue': {
    ja: 'しばらくバックアップしていません。作業はこのブラウザの中にしかありません。「すべて書き出す」でファイルに残しましょう。',
    en: 'No recent backup: your work lives only in this browser. Use "Export all" to keep a copy.',
  },
  'library.lastExport': {
    ja: '最後の書き出し：{date}',
    en: 'Last export: {date}',
  },
  'library.neverExported': {
    ja: 'まだ書き出していません',
    en: 'Never exported',
  },

  // data preparation (ワーク②): machine-readability check, address matching
  'readability.rule.title-rows': {
    ja: 'タイトル行が表の上にある',
    en: 'A title above the table',
  },
  'readability.why.title-rows': {
    ja: '見出し行の上の行は列の名前として読めず、プログラムは表の始まりを探さなければなりません。タイトルはファイル名や別シートに書きます。',
    en: 'Rows above the header cannot be read as column names; programs must hunt for where the table starts. Put the title in the file name or another sheet.',
  },
  'readability.rule.notes-rows': {
    ja: '注記が表の下にある',
    en: 'Notes below the table',
  },
  'readability.why.notes-rows': {
    ja: '表の下の注記はデータの行として読まれてしまいます。注記・出典は別シートか説明ファイルに書きます。',
    en: 'Notes under the table are read as data rows. Keep notes and sources in another sheet or file.',
  },
  'readability.rule.blank-rows': {
    ja: '空行で区切っている',
    en: 'Blank rows used for layout',
  },
  'readability.why.blank-rows': {
    ja: '空行で表が途切れ、続きが別の表と見なされたり行が欠けたりします。',
    en: 'Blank rows break the table: what follows may be read as another table or lost.',
  },
  'readability.rule.merged-cells': {
    ja: 'セルが結合されている',
    en: 'Merged cells',
  },
  'readability.why.merged-cells': {
    ja: '結合したセルは左上の 1 つにしか値がなく、他の行は空欄として読まれます。各セルに値を入れます。',
    en: 'A merged range holds its value in its first cell only; the other rows read as blank. Put the value in every cell.',
  },
  'readability.rule.missing-header': {
    ja: '見出しのない列がある',
    en: 'A column without a header',
  },
  'readability.why.missing-header': {
    ja: '名前のない列は何の値か分からず、結合や集計で指定できません。',
    en: 'A column without a name cannot be understood, joined or aggregated.',
  },
  'readability.rule.duplicate-header': {
    ja: '同じ見出しの列がある',
    en: 'Duplicate headers',
  },
  'readability.why.duplicate-header': {
    ja: '同じ名前の列は区別できず、片方が上書きされることがあります。',
    en: 'Columns with the same name cannot be told apart; one may overwrite the other.',
  },
  'readability.rule.several-values': {
    ja: '1 つのセルに複数の値',
    en: 'Several values in one cell',
  },
  'readability.why.several-values': {
    ja: 'セル内の改行や「;」区切りの値は、1 件ずつ数えたり絞り込んだりできません。1 セル 1 データにします。',
    en: 'Values separated by line breaks or “;” cannot be counted or filtered one by one. One value per cell.',
  },
  'readability.rule.number-with-unit': {
    ja: '数値に単位が付いている',
    en: 'Numbers with units',
  },
  'readability.why.number-with-unit': {
    ja: '「120人」は文字として読まれ、合計や平均ができません。単位は見出しに書きます（人数（人））。',
    en: '“120人” is read as text: it cannot be summed or averaged. Put the unit in the header.',
  },
  'readability.rule.full-width': {
    ja: '全角の英数字',
    en: 'Full-width letters or digits',
  },
  'readability.why.full-width': {
    ja: '全角の数字は数値として読めないシステムがあります。英数字は半角にします。',
    en: 'Many systems do not read full-width digits as numbers. Use half-width letters and digits.',
  },
  'readability.rule.japanese-era': {
    ja: '和暦の日付',
    en: 'Japanese-era dates',
  },
  'readability.why.japanese-era': {
    ja: '和暦（令和5年）は並べ替えや期間の計算ができません。西暦（2023-04-01）にします。',
    en: 'Era dates (令和5年) cannot be sorted or used to compute periods. Use the Western calendar (2023-04-01).',
  },
  'readability.rule.layout-spaces': {
    ja: 'スペースで体裁を整えている',
    en: 'Spaces used for layout',
  },
  'readability.why.layout-spaces': {
    ja: '「東　京」のような空白や先頭の空白は、検索や照合で別の値になります。',
    en: 'Spaces inserted for looks (東　京) or at the start make values differ in searches and matches.',
  },
  'readability.rule.platform-characters': {
    ja: '機種依存文字・半角カナ',
    en: 'Platform-dependent characters',
  },
  'readability.why.platform-characters': {
    ja: '①・㈱・Ⅲ・半角カナは環境によって化けたり別の文字になったりします。(1)・(株)・3・全角カナにします。',
    en: '①, ㈱, Ⅲ and half-width kana may be garbled on other systems. Write (1), (株), 3 and full-width kana.',
  },
  'readability.rule.leading-zeros': {
    ja: 'コードの先頭の 0 が消えている',
    en: 'Codes that lost their leading zeros',
  },
  'readability.why.leading-zeros': {
    ja: '08220 が 8220 になると、コードで結合できません。コードの列は文字列として保存します。',
    en: 'When 08220 becomes 8220, joins by code fail. Keep code columns as text.',
  },
  'readability.rule.one-column-address': {
    ja: '住所が 1 列にまとまっている',
    en: 'The address is one column',
  },
  'readability.why.one-column-address': {
    ja: '都道府県・市区町村・町字・番地に分けると、地区ごとの集計や住所照合の確認がしやすくなります（ヒント）。',
    en: 'Split into prefecture, city, town and block to aggregate by area and check address matching (a hint).',
  },
  'readability.rule.no-coordinates': {
    ja: '位置（緯度・経度）の列がない',
    en: 'No coordinate columns',
  },
  'readability.why.no-coordinates': {
    ja: '地図に載せるには緯度・経度が必要です。住所があれば住所照合で求められます。',
    en: 'A map needs latitude and longitude. If there are addresses, address matching can find them.',
  },
  'prepare.heading': {
    ja: 'データを整える',
    en: 'Prepare data',
  },
  'prepare.layer': {
    ja: '表（レイヤ）',
    en: 'Table (layer)',
  },
  'prepare.noLayers': {
    ja: 'CSV や Excel の表を読み込むと、ここで確かめて整えられます。',
    en: 'Load a CSV or Excel table to check and prepare it here.',
  },
  'prepare.check': {
    ja: '機械判読チェック',
    en: 'Machine-readability check',
  },
  'prepare.checkIntro': {
    ja: '「機械判読可能なデータの表記方法の統一ルール」に照らして、読み込んだファイルの問題を挙げます。',
    en: 'Problems of the loaded file against the national rules for machine-readable tables.',
  },
  'prepare.checkNone': {
    ja: '問題は見つかりませんでした。',
    en: 'No problems found.',
  },
  'prepare.checkNotAvailable': {
    ja: 'このレイヤは CSV・Excel から読み込んだ表ではないため、チェックはありません。',
    en: 'This layer was not read from a CSV or Excel table, so there is no check.',
  },
  'prepare.checkCount': {
    ja: '{count} 件',
    en: '{count}',
  },
  'prepare.checkWhere': {
    ja: '場所: {where}',
    en: 'Where: {where}',
  },
  'prepare.checkRows': {
    ja: '先頭 {checked} 行（全 {total} 行）のセルを調べました。',
    en: 'Cells of the first {checked} rows (of {total}) were checked.',
  },
  'prepare.match': {
    ja: '住所照合',
    en: 'Match addresses',
  },
  'prepare.matchIntro': {
    ja: '住所の列から町字（大字・町丁目）の代表点を求め、点のレイヤを作ります。住所はこのパソコンの外に出ません。',
    en: 'Places each row at the representative point of its town (大字・町丁目) from the address column. The addresses never leave this computer.',
  },
  'prepare.addressColumn': {
    ja: '住所の列',
    en: 'Address column',
  },
  'prepare.defaultCity': {
    ja: '市区町村が書かれていない住所の市区町村（任意）',
    en: 'City for addresses without one (optional)',
  },
  'prepare.run': {
    ja: '住所照合する',
    en: 'Match addresses',
  },
  'prepare.dictionary': {
    ja: '辞書：全国の町字（Geolonia 住所データ、CC BY 4.0）',
    en: 'Dictionary: towns of all Japan (Geolonia address data, CC BY 4.0)',
  },
  'prepare.addDictionary': {
    ja: '住所辞書を追加（位置参照情報 CSV）',
    en: 'Add an address dictionary (位置参照情報 CSV)',
  },
  'prepare.loadedDictionary': {
    ja: '追加した辞書：{name}（町字 {towns} 件、このセッションのみ）',
    en: 'Added dictionary: {name} ({towns} towns, this session only)',
  },

  // cleaning workbench (表を整える)
  'workbench.op.use-row-as-header': {
    ja: '行を見出しにする',
    en: 'Use a row as the header',
  },
  'workbench.help.use-row-as-header': {
    ja: '表の中の行を列の名前にし、その行より上を消します（見出しが 2 段のときなど）。',
    en: 'Makes a row of the table the column names and removes the rows above it.',
  },
  'workbench.describe.use-row-as-header': {
    ja: '{row} 行目を見出しにする',
    en: 'Use row {row} as the header',
  },
  'workbench.op.delete-rows': {
    ja: '行を削除',
    en: 'Delete rows',
  },
  'workbench.help.delete-rows': {
    ja: '条件に合う行を消します（合計行・空行・注記など）。',
    en: 'Deletes the rows that match (total rows, blank rows, notes).',
  },
  'workbench.op.rename-column': {
    ja: '列名を変える',
    en: 'Rename a column',
  },
  'workbench.help.rename-column': {
    ja: '列の名前を変えます。',
    en: 'Renames a column.',
  },
  'workbench.describe.rename-column': {
    ja: '「{column}」を「{to}」に改名',
    en: 'Rename "{column}" to "{to}"',
  },
  'workbench.op.split-address': {
    ja: '住所を分ける',
    en: 'Split the address',
  },
  'workbench.help.split-address': {
    ja: '住所を 都道府県・市区町村・町字・番地 の 4 列に分けます（住所辞書で判定）。',
    en: 'Splits an address into prefecture, city, town and block columns (using the address dictionary).',
  },
  'workbench.describe.split-address': {
    ja: '「{column}」を 都道府県・市区町村・町字・番地 に分ける',
    en: 'Split "{column}" into prefecture, city, town, block',
  },
  'workbench.op.half-width': {
    ja: '全角→半角',
    en: 'Full width → half width',
  },
  'workbench.help.half-width': {
    ja: '全角の英数字を半角に、半角カナを全角に、①・㈱ を (1)・(株) にします。',
    en: 'Turns full-width letters and digits into half width, half-width kana into full width, ① and ㈱ into 1 and (株).',
  },
  'workbench.describe.half-width': {
    ja: '「{column}」の英数字を半角にする',
    en: 'Make "{column}" half width',
  },
  'workbench.op.era-to-western': {
    ja: '和暦→西暦',
    en: 'Japanese era → Western',
  },
  'workbench.help.era-to-western': {
    ja: '令和5年4月1日 を 2023-04-01 にします。',
    en: 'Turns 令和5年4月1日 into 2023-04-01.',
  },
  'workbench.describe.era-to-western': {
    ja: '「{column}」の和暦を西暦にする',
    en: 'Convert "{column}" to Western dates',
  },
  'workbench.op.to-number': {
    ja: '文字→数値',
    en: 'Text → number',
  },
  'workbench.help.to-number': {
    ja: '「1,200人」「１２０」を数値にします（単位は見出しへ）。数値にできないセルは元のまま残り、行が示されます。',
    en: 'Turns “1,200人” or “１２０” into numbers (put the unit in the header). Cells that cannot be converted keep their value and are listed.',
  },
  'workbench.describe.to-number': {
    ja: '「{column}」を数値にする',
    en: 'Make "{column}" numeric',
  },
  'workbench.op.fill-down': {
    ja: '下へ埋める',
    en: 'Fill down',
  },
  'workbench.help.fill-down': {
    ja: '空欄に上のセルの値を入れます（結合セルを解除した後など）。',
    en: 'Fills blank cells with the value above (after unmerging cells).',
  },
  'workbench.describe.fill-down': {
    ja: '「{column}」の空欄を上の値で埋める',
    en: 'Fill "{column}" down',
  },
  'workbench.op.trim': {
    ja: '空白を取る',
    en: 'Trim spaces',
  },
  'workbench.help.trim': {
    ja: '前後の空白と、「東　京」のように体裁のために入れた空白を取ります。',
    en: 'Removes spaces at the ends and spaces put in for looks (東　京).',
  },
  'workbench.describe.trim': {
    ja: '「{column}」の空白を取る',
    en: 'Trim "{column}"',
  },
  'workbench.op.standard-names': {
    ja: '標準の列名にする',
    en: 'Standard column names',
  },
  'workbench.help.standard-names': {
    ja: '施設名→名称、所在地→住所、緯度（世界測地系）→緯度 など、自治体標準オープンデータセットの列名にします。',
    en: 'Renames columns to the 自治体標準オープンデータセット names (施設名 → 名称, 所在地 → 住所, 緯度（世界測地系） → 緯度).',
  },
  'workbench.describe.standard-names': {
    ja: '列名を自治体標準の名前にする',
    en: 'Use the standard column names',
  },
  'workbench.op.join-columns': {
    ja: '列をつなぐ',
    en: 'Join columns',
  },
  'workbench.help.join-columns': {
    ja: '選んだ順に列の値をつないで、新しい列にします（都道府県＋市区町村＋町丁目 → 住所）。空のセルは飛ばします。',
    en: 'Joins the values of the columns in the order picked into a new column (prefecture + city + town → address). Blank cells are left out.',
  },
  'workbench.describe.join-columns': {
    ja: '{columns} をつないで「{to}」にする',
    en: 'Join {columns} into "{to}"',
  },
  'workbench.joinOrder': {
    ja: 'つなぐ列（選んだ順）',
    en: 'Columns to join (in the order picked)',
  },
  'workbench.joinedName': {
    ja: '住所（つなげた）',
    en: '住所（つなげた）',
  },
  'workbench.op.points-from-columns': {
    ja: '緯度・経度から点にする',
    en: 'Points from latitude/longitude',
  },
  'workbench.help.points-from-columns': {
    ja: '選んだ 2 列の値から点を作り、地図に載せます。',
    en: 'Makes points from the two columns chosen, to map the table.',
  },
  'workbench.describe.points-from-columns': {
    ja: '「{latitude}」「{longitude}」から点を作る',
    en: 'Points from "{latitude}", "{longitude}"',
  },
  'workbench.describe.delete-rows.empty': {
    ja: '「{column}」が空の行を削除',
    en: 'Delete rows where "{column}" is blank',
  },
  'workbench.describe.delete-rows.equals': {
    ja: '「{column}」が「{value}」の行を削除',
    en: 'Delete rows where "{column}" is "{value}"',
  },
  'workbench.describe.delete-rows.contains': {
    ja: '「{column}」に「{value}」を含む行を削除',
    en: 'Delete rows where "{column}" contains "{value}"',
  },
  'workbench.size': {
    ja: '{rows} 行・{columns} 列',
    en: '{rows} rows, {columns} columns',
  },
  'workbench.export': {
    ja: 'CSV で書き出す（UTF-8・BOM 付き）',
    en: 'Export CSV (UTF-8 with BOM)',
  },
  'workbench.more': {
    ja: '先頭 {shown} 行を表示（全 {rows} 行）',
    en: 'Showing the first {shown} of {rows} rows',
  },
  'workbench.addStep': {
    ja: '手順を加える',
    en: 'Add a step',
  },
  'workbench.op': {
    ja: '操作',
    en: 'Operation',
  },
  'workbench.column': {
    ja: '列',
    en: 'Column',
  },
  'workbench.match': {
    ja: '条件',
    en: 'Condition',
  },
  'workbench.match.empty': {
    ja: '空欄',
    en: 'is blank',
  },
  'workbench.match.equals': {
    ja: '次と等しい',
    en: 'equals',
  },
  'workbench.match.contains': {
    ja: '次を含む',
    en: 'contains',
  },
  'workbench.value': {
    ja: '値',
    en: 'Value',
  },
  'workbench.newName': {
    ja: '新しい列名',
    en: 'New name',
  },
  'workbench.row': {
    ja: '行番号（この表の）',
    en: 'Row number (in this table)',
  },
  'workbench.add': {
    ja: 'この手順を加える',
    en: 'Add this step',
  },
  'workbench.recipe': {
    ja: '手順（レシピ）',
    en: 'Steps (recipe)',
  },
  'workbench.importFixes': {
    ja: '読み込むときに自動で直したこと（「戻す」で、直さずに読み込み直します）：',
    en: 'Fixed automatically when the file was read (“Undo” reads it again without the fix):',
  },
  'workbench.fix.header-row': {
    ja: '見出しを {row} 行目とし、上の {rows} 行（タイトルなど）を除いた',
    en: 'Took row {row} as the header and left out the {rows} rows above (a title)',
  },
  'workbench.fix.notes': {
    ja: '表の下の注記 {rows} 行を除いた',
    en: 'Left out {rows} note rows below the table',
  },
  'workbench.fix.era-dates': {
    ja: '「{column}」の和暦を西暦にした',
    en: 'Converted the era dates of "{column}"',
  },
  'workbench.fix.numbers': {
    ja: '「{column}」の全角数字・桁区切りを数値にした',
    en: 'Read the full-width digits and separators of "{column}" as numbers',
  },
  'workbench.fix.merged-cells': {
    ja: '結合セル {ranges} か所の値を各セルに入れた（元のファイルで結合を解除してください）',
    en: 'Filled {ranges} merged ranges into each cell (unmerge them in the original file)',
  },
  'workbench.fix.undo': {
    ja: '戻す',
    en: 'Undo',
  },
  'workbench.fix.fileGone': {
    ja: 'ファイルをもう一度読み込むと、自動の修正を戻せます（ファイルそのものは保存していません）。',
    en: 'Load the file again to undo the automatic fixes (the file itself is not stored).',
  },
  'workbench.noSteps': {
    ja: 'まだ手順はありません。右の「手順を加える」から始めます。',
    en: 'No steps yet. Start with “Add a step”.',
  },
  'workbench.result': {
    ja: '{changed} か所を変更・{failed} か所は変換できず',
    en: '{changed} changed, {failed} could not be converted',
  },
  'workbench.result.missing': {
    ja: '列「{column}」がないため何もしませんでした',
    en: 'Did nothing: there is no column "{column}"',
  },
  'workbench.undo': {
    ja: '最後の手順を取り消す',
    en: 'Undo the last step',
  },
  'workbench.replayTo': {
    ja: 'このレシピを別のレイヤに…',
    en: 'Apply this recipe to another layer…',
  },
  'workbench.replay': {
    ja: '適用',
    en: 'Apply',
  },
  'workbench.check': {
    ja: '今の表の機械判読チェック',
    en: 'Machine-readability check of the table now',
  },
  'workbench.checkAfterStep': {
    ja: '手順を加えると、整えた後の表をチェックします。',
    en: 'After a step, the cleaned table is checked here.',
  },
  'tabs.prepare': {
    ja: '表を整える',
    en: 'Clean table',
  },

  // history
  'history.undo': {
    ja: '元に戻す',
    en: 'Undo',
  },
  'history.redo': {
    ja: 'やり直す',
    en: 'Redo',
  },
} satisfies Record<string, { ja: string; en: string }>;

export type MessageKey = keyof typeof messages;
export type Locale = 'ja' | 'en';

/** Looks a message up and fills {name} placeholders. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
