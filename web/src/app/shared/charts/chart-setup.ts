import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

let registered = false;

/**
 * The page's font stack (web/src/styles.scss: the NHS.UK stack without Frutiger, which is not served here). A
 * canvas does not inherit the page's font, and chart.js would otherwise letter axes and legends in Helvetica.
 */
export const NHS_FONT_FAMILY = 'Arial, sans-serif';

/**
 * Registers only the chart.js parts the app draws (bar and line charts on category/linear scales, with legend
 * and tooltips), once, so the rest of chart.js is left out of the bundle; charts are lettered in the page's font.
 */
export function chartJs(): typeof Chart {
  if (!registered) {
    Chart.register(
      BarController,
      BarElement,
      LineController,
      LineElement,
      PointElement,
      CategoryScale,
      LinearScale,
      Legend,
      Tooltip,
    );
    Chart.defaults.font.family = NHS_FONT_FAMILY;
    registered = true;
  }
  return Chart;
}

/** NHS identity colours (https://service-manual.nhs.uk/design-system/styles/colour). */
export const NHS_COLOURS = {
  blue: '#005eb8',
  darkBlue: '#003087',
  lightBlue: '#41b6e6',
  aquaGreen: '#00a499',
  purple: '#330072',
  darkPink: '#7c2855',
  orange: '#ed8b00',
  warmYellow: '#ffb81c',
  red: '#d5281b',
  darkGrey: '#425563',
  midGrey: '#768692',
  paleGrey: '#aeb7bd',
  black: '#212b32',
} as const;

export type PatternKind = 'solid' | 'diagonal' | 'dots' | 'cross';

/** Fills a shape with a colour, or with a pattern on that colour so colour is not the only way to tell them apart. */
export type FillMaker = (colour: string, kind: PatternKind) => string | CanvasPattern;

/** Plain colours (tests, and wherever a canvas is not available). */
export const plainFill: FillMaker = (colour) => colour;

/** White hatching, dots or cross-hatching drawn over the colour. */
export const patternFill: FillMaker = (colour, kind) => {
  if (kind === 'solid' || typeof document === 'undefined') return colour;
  const tile = document.createElement('canvas');
  tile.width = 10;
  tile.height = 10;
  const context = tile.getContext('2d');
  if (!context) return colour;
  context.fillStyle = colour;
  context.fillRect(0, 0, 10, 10);
  context.strokeStyle = 'rgba(255, 255, 255, 0.75)';
  context.fillStyle = 'rgba(255, 255, 255, 0.75)';
  context.lineWidth = 2;
  if (kind === 'dots') {
    context.beginPath();
    context.arc(5, 5, 1.75, 0, 2 * Math.PI);
    context.fill();
  } else {
    context.beginPath();
    context.moveTo(0, 10);
    context.lineTo(10, 0);
    context.moveTo(-5, 5);
    context.lineTo(5, -5);
    context.moveTo(5, 15);
    context.lineTo(15, 5);
    if (kind === 'cross') {
      context.moveTo(0, 0);
      context.lineTo(10, 10);
    }
    context.stroke();
  }
  return context.createPattern(tile, 'repeat') ?? colour;
};
