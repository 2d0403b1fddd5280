// A two-layer network learns XOR with xf's autograd: the smallest "it learns" demo.
// Run from the repo root: pnpm demo
import { backendInfo, manualSeed, nn, tensor } from '@xf/tensor';

manualSeed(0);
const x = tensor([
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
]);
const y = tensor([[0], [1], [1], [0]]);

class MLP extends nn.Module {
  hidden = new nn.Linear(2, 8);
  out = new nn.Linear(8, 1);
  forward(input) {
    return this.out.forward(this.hidden.forward(input).tanh()).sigmoid();
  }
}

const model = new MLP();
const lr = 0.5;
console.log(`xf demo: XOR with a 2-8-1 network on the ${backendInfo().description} backend\n`);
for (let step = 0; step <= 2000; step++) {
  const p = model.forward(x);
  const loss = p.sub(y).square().mean();
  model.zeroGrad();
  loss.backward();
  for (const w of model.parameters()) {
    for (let i = 0; i < w.data.length; i++) w.data[i] -= lr * w.grad.data[i];
  }
  if (step % 400 === 0)
    console.log(`step ${String(step).padStart(4)}  loss ${loss.item().toFixed(5)}`);
}
const p = model.forward(x);
console.log('\ninput  target  prediction');
for (let i = 0; i < 4; i++) {
  console.log(
    `${x.select(0, i).toArray().join(' ')}    ${y.data[i]}       ${p.data[i].toFixed(3)}`,
  );
}
