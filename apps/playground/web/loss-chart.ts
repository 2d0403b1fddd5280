/**
 * The live loss chart: every step's training loss (faint), its running average (solid) and
 * the validation loss at each evaluation (dots). Redrawn on each new point. The canvas also
 * carries the first and latest losses as data attributes, for scripts and tests.
 */

interface Point {
  step: number;
  loss: number;
  valLoss?: number;
}

const PAD = { left: 52, right: 12, top: 12, bottom: 28 };

export class LossChart {
  private points: Point[] = [];
  private readonly ctx: CanvasRenderingContext2D;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private totalSteps = 1,
  ) {
    this.ctx = canvas.getContext('2d')!;
    this.draw();
  }

  reset(totalSteps: number, history: Point[] = []): void {
    this.totalSteps = totalSteps;
    this.points = [...history];
    this.canvas.dataset.steps = String(this.points.length);
    delete this.canvas.dataset.firstLoss;
    delete this.canvas.dataset.lastLoss;
    this.draw();
  }

  add(point: Point): void {
    this.points.push(point);
    const d = this.canvas.dataset;
    d.firstLoss ??= String(point.loss);
    d.lastLoss = String(point.loss);
    d.steps = String(this.points.length);
    if (point.valLoss !== undefined) d.lastValLoss = String(point.valLoss);
    this.draw();
  }

  private draw(): void {
    const { ctx, canvas } = this;
    const w = canvas.width;
    const h = canvas.height;
    ctx.clearRect(0, 0, w, h);
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#666';
    if (this.points.length === 0) {
      ctx.fillText('the loss appears here as the model trains', PAD.left, h / 2);
      return;
    }
    const losses = this.points.flatMap((p) =>
      p.valLoss === undefined ? [p.loss] : [p.loss, p.valLoss],
    );
    const lo = Math.min(...losses);
    const hi = Math.max(...losses);
    const span = hi - lo || 1;
    const first = this.points[0].step;
    const last = Math.max(this.totalSteps, this.points[this.points.length - 1].step);
    const x = (step: number) =>
      PAD.left + ((step - first) / Math.max(1, last - first)) * (w - PAD.left - PAD.right);
    const y = (loss: number) => PAD.top + ((hi - loss) / span) * (h - PAD.top - PAD.bottom);

    // axes and labels
    ctx.strokeStyle = '#ccc';
    ctx.beginPath();
    ctx.moveTo(PAD.left, PAD.top);
    ctx.lineTo(PAD.left, h - PAD.bottom);
    ctx.lineTo(w - PAD.right, h - PAD.bottom);
    ctx.stroke();
    ctx.fillText(hi.toFixed(2), 8, PAD.top + 8);
    ctx.fillText(lo.toFixed(2), 8, h - PAD.bottom);
    ctx.fillText(`step ${first}`, PAD.left, h - 8);
    ctx.fillText(`step ${last}`, w - PAD.right - 60, h - 8);

    const line = (values: [number, number][], color: string, width: number) => {
      ctx.strokeStyle = color;
      ctx.lineWidth = width;
      ctx.beginPath();
      values.forEach(([s, l], i) => {
        if (i === 0) ctx.moveTo(x(s), y(l));
        else ctx.lineTo(x(s), y(l));
      });
      ctx.stroke();
    };
    line(
      this.points.map((p) => [p.step, p.loss]),
      'rgba(40, 120, 200, 0.25)',
      1,
    );
    let avg = this.points[0].loss;
    line(
      this.points.map((p) => {
        avg = 0.9 * avg + 0.1 * p.loss;
        return [p.step, avg];
      }),
      'rgb(40, 120, 200)',
      2,
    );
    ctx.fillStyle = 'rgb(220, 140, 20)';
    for (const p of this.points) {
      if (p.valLoss === undefined) continue;
      ctx.beginPath();
      ctx.arc(x(p.step), y(p.valLoss), 3.5, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.fillStyle = '#444';
    ctx.fillText('— train loss (running average)   ● val loss', PAD.left + 8, PAD.top + 10);
  }
}
