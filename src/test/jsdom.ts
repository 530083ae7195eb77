// jsdom has no canvas: Grafana's Combobox measures option text with a 2D context, so give it a rough one.
HTMLCanvasElement.prototype.getContext = (() => ({
  measureText: (text: string) => ({ width: text.length * 7 }),
  font: '',
})) as unknown as typeof HTMLCanvasElement.prototype.getContext;
