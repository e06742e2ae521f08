// The rules that tell a written answer from key words side by side, on real wording of each kind.
import { describe, expect, it } from 'vitest';
import { isSentence, namesASource, namesUsersOrPurpose, titleByArea } from '../../src/lib/curriculum/meaning';

describe('a map title by areas says what per which unit', () => {
  it.each(['小学校区別不審者出没状況図', '小学校区別 避難場所1か所あたり人口', '学区ごとの不審者出没件数', '不審者出没件数（小学校区別）', '不審者の学区別件数', '町丁目別人口密度（2020年）', 'Suspicious-person reports by school district', 'Population per km² by town'])('passes %s', (title) => expect(titleByArea(title)).not.toBeNull());
  it.each(['校区', '不審者 校区', '不審者校区', '校区別', '不審者学区地図', '地図', 'school district', 'reports district', '(校区別)'])('refuses %s', (title) => expect(titleByArea(title)).toBeNull());
});

describe('a purpose is a sentence', () => {
  const keys = ['不審者', '学区', '安全', '見守', 'パトロール', 'suspicious', 'district', 'patrol'];
  it.each([
    '小学校区単位で不審者出没数の傾向を見て、自治強化の方針を立てる',
    '避難場所 1 か所あたりの住民数を小学校区ごとに見て、避難場所が足りない地区を探す',
    '学区ごとの不審者の出没件数を見て、見守り活動を重点的に行う学区を決める',
    '不審者の多い学区にパトロールを重点配置するため',
    'Decide which school districts need patrol support from suspicious-person reports',
  ])('passes %s', (text) => expect(isSentence(text, keys)).toBe(true));
  it.each(['不審者 学区 安全', '不審者、学区、見守り、防犯、対策。', '不審者学区安全パトロール', 'suspicious district patrol safety', '不審者 学区 安全 パトロール 見守り', 'あいうえおかきくけこ'])('refuses %s', (text) =>
    expect(isSentence(text, keys)).toBe(false),
  );
});

describe('a 出典 names a source; a memo names users or a purpose', () => {
  it.each(['国土数値情報（小学校区）', '架空データ（地図道場）', '総務省統計局 国勢調査', 'GSI'])('source %s', (s) => expect(namesASource(s)).toBe(true));
  it.each(['', '-', 'なし', '不明', 'ああああ', 'xxxx', '。', 'test'])('no source: %s', (s) => expect(namesASource(s)).toBe(false));
  it.each(['利用者：担当課、目的：所管事務', '庁内の職員のみ', '警察と学校に限って共有', 'office staff only'])('memo %s', (m) => expect(namesUsersOrPurpose(m)).toBe(true));
  it.each(['ああああ', '....', 'xxxx', 'なし なし', '特になし', 'よろしく'])('empty memo %s', (m) => expect(namesUsersOrPurpose(m)).toBe(false));
});
