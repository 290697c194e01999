/**
 * CJK radicals that PDF text layers (and text copied from them) carry instead of the ordinary ideograph they look
 * like: ⼀ U+2F00 for 一, ⻚ U+2EDA for 页. A font maps one glyph to both code points and the producer picks the
 * radical. Unicode normalisation is no fix: NFKC folds the Kangxi radicals but not the Supplement, and it also turns
 * （一） into (一) and ： into :, which the checker reads as written. So the mapping is this explicit table, from
 * Unicode 15's EquivalentUnifiedIdeograph.txt, with two changes: ⼾ U+2F3E and ⾭ U+2FAD map to the simplified 户 and
 * 青 (the data gives the traditional 戶 and 靑, which a simplified-Chinese report never means, and the templates'
 * labels are written with 户). Pure: no IO.
 */

/** U+2F00..U+2FD5, the 214 Kangxi radicals, in order: the ideograph each one stands for. */
const KANGXI =
  '一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈户手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨青非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠';

/** CJK Radicals Supplement (U+2E80..U+2EF3) with an equivalent ideograph: radical, ideograph (some are astral). */
const SUPPLEMENT =
  '⺁厂 ⺂乛 ⺃乚 ⺄乙 ⺅亻 ⺆冂 ⺇𠘨 ⺈刀 ⺉刂 ⺊卜 ⺋㔾 ⺌小 ⺍小 ⺎兀 ⺏尣 ⺐尢 ⺑𡯂 ⺒巳 ⺓幺 ⺔彑 ⺕𫜹 ⺖忄 ⺗心 ⺘扌 ⺙攵 ⺛旡 ⺜日 ⺝月 ⺞歺 ⺟母 ⺠民 ⺡氵 ⺢氺 ⺣灬 ⺤爫 ⺥爫 ⺦丬 ⺧牛 ⺨犭 ⺩王 ⺪𤴔 ⺫目 ⺬示 ⺭礻 ⺮𥫗 ⺯糹 ⺰纟 ⺱罓 ⺲罒 ⺳㓁 ⺴冗 ⺵𦉫 ⺶羊 ⺷𦍌 ⺸𦍋 ⺹耂 ⺺肀 ⺻聿 ⺼肉 ⺽𦥑 ⺾艹 ⺿艹 ⻀艹 ⻁虎 ⻂衤 ⻃覀 ⻄西 ⻅见 ⻆角 ⻇𧢲 ⻈讠 ⻉贝 ⻊𧾷 ⻋车 ⻌辶 ⻍辶 ⻎辶 ⻏邑 ⻐钅 ⻑長 ⻒镸 ⻓长 ⻔门 ⻕𨸏 ⻖阝 ⻗雨 ⻘青 ⻙韦 ⻚页 ⻛风 ⻜飞 ⻝食 ⻞𩙿 ⻟飠 ⻠饣 ⻡𩠐 ⻢马 ⻣骨 ⻤鬼 ⻥鱼 ⻦鸟 ⻧卤 ⻨麦 ⻩黄 ⻪黾 ⻫斉 ⻬齐 ⻭歯 ⻮齿 ⻯竜 ⻰龙 ⻱龜 ⻲亀 ⻳龟';

let supplement: Map<number, string> | undefined;

function supplementMap(): Map<number, string> {
  if (supplement) return supplement;
  supplement = new Map();
  for (const pair of SUPPLEMENT.split(' ')) {
    const [radical, ideograph] = Array.from(pair);
    if (radical && ideograph) supplement.set(radical.codePointAt(0) ?? 0, ideograph);
  }
  return supplement;
}

const RADICAL = /[\u2E80-\u2EF3\u2F00-\u2FD5]/g;

/** The ideograph a radical code point stands for, or undefined for any other character. */
export function radicalToIdeograph(ch: string): string | undefined {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x2f00 && cp <= 0x2fd5) return KANGXI[cp - 0x2f00];
  if (cp >= 0x2e80 && cp <= 0x2ef3) return supplementMap().get(cp);
  return undefined;
}

/** `text` with every Kangxi radical and CJK Radicals Supplement look-alike replaced by its ideograph. Same string
 * when there is none; the length may grow where the ideograph is astral (⺇ → 𠘨). */
export function foldRadicals(text: string): string {
  if (!/[\u2E80-\u2EF3\u2F00-\u2FD5]/.test(text)) return text;
  return text.replace(RADICAL, (ch) => radicalToIdeograph(ch) ?? ch);
}

/**
 * Like `foldRadicals`, but only where the ideograph is one UTF-16 unit, so every offset stays valid: what the
 * parser reads, for text pasted from a PDF into a draft (offsets must point into the document as written).
 */
export function foldRadicalsInPlace(text: string): string {
  if (!/[\u2E80-\u2EF3\u2F00-\u2FD5]/.test(text)) return text;
  return text.replace(RADICAL, (ch) => {
    const ideograph = radicalToIdeograph(ch);
    return ideograph !== undefined && ideograph.length === 1 ? ideograph : ch;
  });
}
