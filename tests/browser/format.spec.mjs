// format.spec.mjs — the page writes numbers without Intl.NumberFormat (its first call loads the locale data: tens
// of ms of the first task, issue 13); format.js's fixed() must write exactly what Intl.NumberFormat('en-US') writes,
// checked here against Intl itself on the values that are hard to round and on many random ones.
import { test, expect } from './fixtures.mjs';
import { fixed } from '../../web/src/format.js';

const SPECS = [
  [0, 0],
  [1, 1],
  [2, 2],
  [4, 4],
  [0, 6],
  [2, 6],
];
// Ties in the shortest decimal (1.005 is 1.00499… in binary), carries, signs, exponent forms, grouping.
const HARD = [
  0,
  -0,
  1,
  -1,
  0.5,
  1.5,
  2.5,
  -0.5,
  0.125,
  1.005,
  9.995,
  999.9995,
  99999.5,
  0.99995,
  0.0005,
  0.00005,
  0.0004,
  -0.0004,
  1e-7,
  5e-7,
  1.5e-7,
  5e-324,
  0.1 + 0.2,
  12094.44,
  2e9,
  1234567.891,
  1e20,
  9.999999e20,
  1e21,
  1.5e22,
];

test('fixed() writes numbers exactly as Intl.NumberFormat("en-US") does', () => {
  let seed = 13;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed - 1) / 2147483646;
  };
  const values = [...HARD];
  for (let i = 0; i < 20_000; i++) {
    const scale = 10 ** (Math.floor(random() * 30) - 10);
    let v = random() * scale;
    if (i % 3 === 0) v = Math.round(v * 10 ** (i % 7)) / 10 ** (i % 7) + (i % 2 ? 0.5 / 10 ** (i % 6) : 0);
    values.push(i % 5 === 0 ? -v : v);
  }
  for (const [min, max] of SPECS) {
    const intl = new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max });
    const wrong = values.filter((v) => fixed(v, min, max) !== intl.format(v));
    expect(
      wrong.map((v) => [v, fixed(v, min, max), intl.format(v)]),
      `${min}–${max} decimals`,
    ).toEqual([]);
  }
});
