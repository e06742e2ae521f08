/**
 * Rules that tell a written answer from key words put side by side. They judge form that carries meaning,
 * not a list of words: a map title by areas names what is mapped and per which unit (「〇〇別〇〇図」,
 * 「〇〇ごとの〇〇」, 「〇〇（〇〇別）」, "… by …"); a purpose is a sentence (words joined by a particle and a
 * predicate: 「…を見て…を決める」); a 出典 names a source; a triage memo names users or a purpose.
 * Each rule is small enough to explain to a trainee in the message that refuses the answer.
 */

const folded = (text: string) => text.normalize('NFKC').trim();
/** Letters and digits only: what remains when spaces, punctuation and symbols are taken away. */
const lettersOf = (text: string) => folded(text).replace(/[\s\p{P}\p{S}]/gu, '');
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

/** Text with the given words taken out (compared NFKC, ignoring case). */
function without(text: string, words: readonly string[]): string {
  let rest = folded(text).toLowerCase();
  for (const word of [...words].sort((a, b) => b.length - a.length)) rest = rest.split(folded(word).toLowerCase()).join(' ');
  return rest;
}

/** 「〇〇別」「〇〇ごとの」「〇〇毎の」: the unit of a map by areas, in Japanese. */
const JA_UNIT = /(別|ごとの|ごと|毎の|毎|単位の|単位で)/;
/** "by …", "per …", "in each …": the unit of a map by areas, in English. */
const EN_UNIT = /^(.+?)\s+(?:by|per|in each|for each|of each|across)\s+(.+)$/i;

/**
 * A title of a map by areas says what is mapped and per which unit: the unit joined to the subject by
 * 別/ごと/毎 (or "by"/"per"), with text on the subject's side. Returns the parts, or null when the title is
 * words side by side (「不審者 校区」), run together (「不審者校区」) or a unit alone (「校区別」).
 */
export function titleByArea(title: string): { unit: string; subject: string } | null {
  const text = folded(title);
  const bracketed = text.match(/^(.*?)[（(]([^）)]+?)(?:別|ごと|毎)[）)](.*)$/);
  if (bracketed) {
    const subject = `${bracketed[1]}${bracketed[3]}`;
    return lettersOf(subject).length >= 2 && lettersOf(bracketed[2]!).length >= 1 ? { unit: bracketed[2]!, subject } : null;
  }
  if (JAPANESE.test(text)) {
    const at = text.search(JA_UNIT);
    if (at <= 0) return null;
    const unit = text.slice(0, at), subject = text.slice(at).replace(JA_UNIT, '');
    // The subject is what comes after the unit (小学校区別「不審者出没状況図」), or before it with の (「不審者の」学区別件数).
    const before = unit.includes('の') ? unit.slice(0, unit.lastIndexOf('の')) : '';
    return lettersOf(subject).length >= 2 || lettersOf(before).length >= 2 ? { unit, subject: subject || before } : null;
  }
  const english = text.match(EN_UNIT);
  return english && lettersOf(english[1]!).length >= 3 && lettersOf(english[2]!).length >= 3 ? { unit: english[2]!, subject: english[1]! } : null;
}

/** Japanese particles that join words into a phrase (「不審者の出没」「学区を決める」). */
const PARTICLE = /[\p{Script=Han}\p{Script=Katakana}ー々a-z0-9](?:を|に|が|で|へ|と|から|より|の)[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}a-z0-9]/iu;
/** A predicate: a verb or what a purpose aims at (…する, …たい, …決める, …ため, …ように, 把握, 検討 …). */
const PREDICATE = /(?:[るうくすつぬむぶぐ]|たい|ため(?:に)?|ように|こと|する|した|して|させる|[把検判決確調配計実立探比選見]\p{Script=Han}*)[。．.!！]?$|(?:ため|ように|して|し、|て、)/u;
const EN_VERB = /\b(?:to|decide|decides|find|plan|see|show|compare|choose|identify|target|check|judge|where|which|whether|so that|in order)\b/i;

/**
 * A purpose is a sentence, not a bag of words: in Japanese words joined by a particle and a predicate
 * (「…の傾向を見て、…の方針を立てる」), with at least a few characters besides the task's key words; in English
 * at least five words with a verb or "to/which/where".
 */
export function isSentence(text: string, keyWords: readonly string[] = []): boolean {
  const t = folded(text);
  const rest = lettersOf(without(t, keyWords));
  if (JAPANESE.test(t)) return rest.length >= 4 && PARTICLE.test(t) && PREDICATE.test(t.replace(/\s+/g, ''));
  const words = t.split(/\s+/).filter((w) => /[a-z]/i.test(w));
  return words.length >= 5 && EN_VERB.test(t) && rest.length >= 6;
}

/** Words that fill a field without saying anything (なし, 不明, test, -). */
const PLACEHOLDERS = new Set(['なし', '無し', 'ない', '特になし', '特に無し', '不明', '未定', '未記入', '記入なし', 'あり', 'テスト', 'test', 'none', 'na', 'unknown', 'tbd', 'xxx', 'ーー', 'その他']);

/** Text that says nothing: too short, a placeholder, or one character repeated (「ああああ」「xxxx」). */
function saysNothing(text: string): boolean {
  const letters = lettersOf(text).toLowerCase();
  return letters.length < 2 || PLACEHOLDERS.has(letters) || PLACEHOLDERS.has(letters.replace(/(.+?)\1+$/, '$1')) || /^(.)\1*$/u.test(letters);
}

/** A 出典 names where the data comes from (an office, a survey, 架空データ), not 「-」 or 「なし」. */
export const namesASource = (attribution: string): boolean => !saysNothing(attribution);

/** Who may use data, or what for (利用者・利用目的の制限), in a triage memo. */
const USERS_OR_PURPOSE =
  /(職員|庁内|庁外|部署|部局|課|係|室|担当|関係|本人|申請|請求|警察|学校|委託|事業者|研究者|住民|市民|限定|限る|限り|のみ|だけ|以外|目的|用途|利用|使用|業務|事務|公開|開示|提供|共有|集計|加工|匿名|同意|契約|協定|覚書|staff|office|department|section|only|purpose|use|request|applicant|aggregat|anonym|agreement|consent|police|school)/i;

/** A triage memo names the users or the purpose the data is limited to (「利用者：担当課、目的：所管事務」). */
export const namesUsersOrPurpose = (memo: string): boolean => !saysNothing(memo) && USERS_OR_PURPOSE.test(folded(memo));
