import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  input,
  viewChild,
} from '@angular/core';
import type { Chart, ChartConfiguration } from 'chart.js';
import { chartJs } from './chart-setup';

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
}

/**
 * A chart.js chart on a canvas that screen readers announce as one image with `label` as its description. Always
 * pair it with a table of the same data. Recreated when the configuration changes; no animation for people who
 * ask for reduced motion.
 */
@Component({
  selector: 'app-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="app-chart" [style.height.px]="height()">
      <canvas #canvas role="img" [attr.aria-label]="label()" [attr.data-testid]="testId()"></canvas>
    </div>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 16px;
    }
    .app-chart {
      position: relative;
      width: 100%;
    }
  `,
})
export class ChartComponent {
  readonly config = input.required<ChartConfiguration>();
  /** What the chart shows, in words (its accessible name). */
  readonly label = input.required<string>();
  readonly height = input(320);
  readonly testId = input<string | null>(null);

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | null = null;

  constructor() {
    afterRenderEffect(() => {
      const config = this.config();
      const canvas = this.canvas().nativeElement;
      this.chart?.destroy();
      this.chart = null;
      if (!canvas.getContext('2d')) return;
      const ChartJs = chartJs();
      this.chart = new ChartJs(canvas, {
        ...config,
        options: {
          responsive: true,
          maintainAspectRatio: false,
          ...config.options,
          ...(prefersReducedMotion() ? { animation: false } : {}),
        },
      } as ChartConfiguration);
    });
    inject(DestroyRef).onDestroy(() => {
      this.chart?.destroy();
      this.chart = null;
    });
  }
}
