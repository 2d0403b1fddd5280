// Train a small BPE tokenizer, encode, decode, save and load. Run after a build:
// node examples/train.mjs
import { BpeTokenizer, CharTokenizer } from '@xf/tokenizer';

const corpus = 'the cat sat on the mat. the cat ate the rat. '.repeat(20);

const chars = CharTokenizer.fromText(corpus);
console.log(chars.vocabSize, chars.encode('the rat').join(' ')); // 12 11 5 4 0 9 2 11

const bpe = BpeTokenizer.train(corpus, { vocabSize: 280, specialTokens: ['<|endoftext|>'] });
const ids = bpe.encode('the cat ate the mat<|endoftext|>');
console.log(ids.map((id) => bpe.idToToken(id))); // [ 'the', ' cat', ' ate', ' the', ' mat', '<|endoftext|>' ]
console.log(bpe.decode(ids)); // the cat ate the mat<|endoftext|>

const copy = BpeTokenizer.load(bpe.save());
console.log(copy.encode('the rat').join() === bpe.encode('the rat').join()); // true
