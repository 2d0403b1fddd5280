/** Texts that stress a tokenizer: scripts, emoji, marks, whitespace, code, numbers. */
export const variedTexts: Record<string, string> = {
  empty: '',
  english: 'Call me Ishmael. Some years ago—never mind how long precisely—I went to sea.',
  contractions:
    "I'm sure you've seen it; they'll say it's fine, we'd agree, you're right. DON'T SHOUT'S",
  numbers: 'In 1851, 3.14159 and 2,718 people paid $1,000,000.00 (or 1e-9) on 2024-02-29 at 12:30.',
  code: 'function f(x) {\n\treturn x.map((y) => y ** 2).filter(Boolean); // squares\n}\nconst a = [1, 2, 3];',
  cyrillic: 'Съешь же ещё этих мягких французских булок, да выпей чаю.',
  greek: 'Ξεσκεπάζω την ψυχοφθόρα βδελυγμία. Γαζέες καὶ μυρτιὲς δὲν θὰ βρῶ.',
  arabic: 'نص حكيم له سر قاطع وذو شأن عظيم مكتوب على ثوب أخضر ومغلف بجلد أزرق',
  hindi: 'ऋषियों को सताने वाले दुष्ट राक्षसों के राजा रावण का सर्वनाश करने वाले विष्णुवतार भगवान श्रीराम',
  chinese: '我能吞下玻璃而不伤身体。天地玄黄，宇宙洪荒。',
  japanese: 'いろはにほへと ちりぬるを わかよたれそ つねならむ。カタカナ、漢字も。',
  korean: '다람쥐 헌 쳇바퀴에 타고파',
  emoji: 'I ❤️ 🐳! 👍🏽 🤷‍♀️ 👩‍👩‍👧‍👦 family, 🏳️‍🌈 flag, 🇯🇵🇫🇷🇺🇸 flags, 1️⃣ keycap',
  combining:
    'e\u0301 vs é, n\u0303, Z\u0351\u0323\u0347a\u0300\u0316l\u0346\u0348g\u0314o\u0309, ḁ̷̛̜',
  whitespace: 'a  b   c\t\td\n\ne\r\nf \n \n  g\u00a0h\u2003i\u3000j   \n\n\n   ',
  spacesOnly: '        ',
  controls: '\u0000\u0001\u001f\u007f\u0085\u200b\u200d\u2028\u2029\ufeffend',
  bomStart: '\ufeffHello',
  mixed: 'The Ǆ ǅ ǆ letters, ﬁ ligature, Ⅻ numerals, ½ fractions, ²³ superscripts, and ١٢٣ digits.',
  astral: '𝕿𝖍𝖊 𝒎𝒂𝒕𝒉 𝟙𝟚𝟛 and 𓀀𓁐 hieroglyphs and 𠀀𠀁 CJK extension B',
  repeated: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!!!!!!!!!!!??????..........',
  punctuation: "...!?;:'\"()[]{}<>@#$%^&*-_=+|\\/~` «quotes» „quotes“ 'single' — – …",
  url: 'See https://example.com/path?query=1&x=%20y#frag or mail a.b+c@example.org',
};
