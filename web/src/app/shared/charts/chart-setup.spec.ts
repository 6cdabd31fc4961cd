import { Chart } from 'chart.js';
import { chartJs, NHS_FONT_FAMILY } from './chart-setup';

describe('chartJs', () => {
  it('letters every chart (axes, legend, tooltips) in the page font, Arial, not chart.js’s Helvetica', () => {
    chartJs();
    expect(NHS_FONT_FAMILY).toBe('Arial, sans-serif');
    expect(Chart.defaults.font.family).toBe('Arial, sans-serif');
  });
});
