/**
 * The few browser APIs jsdom lacks that React Flow needs (its testing guide's stand-ins). They stand in for the
 * browser, not for any of our code.
 */
class ResizeObserverStandIn {
  constructor(private readonly cb: ResizeObserverCallback) {}
  observe(target: Element): void {
    this.cb([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
  unobserve(): void {}
  disconnect(): void {}
}

export function installDomStandIns(): void {
  globalThis.ResizeObserver = ResizeObserverStandIn as unknown as typeof ResizeObserver;
  (globalThis as unknown as { DOMMatrixReadOnly: unknown }).DOMMatrixReadOnly = class {
    m22: number;
    constructor(transform?: string) {
      const scale = transform?.match(/scale\(([0-9.]+)\)/)?.[1];
      this.m22 = scale !== undefined ? Number(scale) : 1;
    }
  };
  // Elements have no layout in jsdom: the canvas gets a window-sized box, everything else a node-sized one.
  const isCanvas = (el: HTMLElement): boolean => el.classList.contains('react-flow');
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: { configurable: true, get(this: HTMLElement) { return parseFloat(this.style.height) || (isCanvas(this) ? 800 : 100); } },
    offsetWidth: { configurable: true, get(this: HTMLElement) { return parseFloat(this.style.width) || (isCanvas(this) ? 1200 : 180); } },
  });
  (SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () => ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;
  // jsdom has no canvas: the sparkline simply draws nothing.
  HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];
}
