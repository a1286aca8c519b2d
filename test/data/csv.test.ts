import { describe, expect, it } from 'vitest';
import { guessDelimiter, parseCsv, parseNumber, previewCsv, type CsvResult } from '../../src/data/csv';
import { DATA_LIMITS } from '../../src/data/limits';

const ok = (r: CsvResult): Extract<CsvResult, { ok: true }> => {
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r;
};
const problems = (r: CsvResult) => {
  if (r.ok) throw new Error('expected problems');
  return r.problems.map(({ kind, row, column }) => ({ kind, row, column }));
};

const FLOWERS = `length,width,kind
1.5,0.2,rose
2.0,0.5,tulip
1.25,0.25,rose
3e0,1,lily
`;

describe('reading a CSV file', () => {
  it('finds the header, takes the other number columns as features and the last column as target', () => {
    const r = ok(parseCsv(FLOWERS, { name: 'flowers.csv' }));
    expect(r.preview.hasHeader).toBe(true);
    expect([r.features, r.target, r.task]).toEqual([['length', 'width'], 'kind', 'multiclass']);
    const ds = r.dataset;
    expect([ds.n, ds.d, ds.t, ds.name]).toEqual([4, 2, 1, 'flowers.csv']);
    expect([...ds.x]).toEqual([1.5, 0.2, 2, 0.5, 1.25, 0.25, 3, 1]);
    // Text labels become indices in code-point order of the labels, listed as classNames.
    expect(ds.classNames).toEqual(['lily', 'rose', 'tulip']);
    expect([...ds.y]).toEqual([1, 2, 1, 0]);
  });

  it('stores the chosen columns JSON-safe: numbers as numbers, labels once with a code per row', () => {
    const r = ok(parseCsv(FLOWERS, { name: 'flowers.csv', features: ['width'] }));
    expect(r.table).toEqual({
      name: 'flowers.csv',
      rows: 4,
      columns: [
        { name: 'width', values: [0.2, 0.5, 0.25, 1] },
        { name: 'kind', categories: ['lily', 'rose', 'tulip'], codes: [1, 2, 1, 0] },
      ],
    });
    expect(JSON.parse(JSON.stringify(r.table))).toEqual(r.table);
  });

  it('a first row with a number is data; columns are then named "column k"', () => {
    const r = ok(parseCsv('1,2,0\n3,4,1\n5,6,1\n'));
    expect(r.preview.hasHeader).toBe(false);
    expect(r.preview.columns.map((c) => c.name)).toEqual(['column 1', 'column 2', 'column 3']);
    expect([r.dataset.n, r.task]).toEqual([3, 'binary']);
    expect(r.dataset.classNames).toEqual(['0', '1']);
    // header: true overrides the guess; header: false keeps a text first row as data (and it is then bad data).
    expect(ok(parseCsv('1,2,0\n3,4,1\n5,6,0\n', { header: true })).dataset.featureNames).toEqual(['1', '2']);
    expect(problems(parseCsv('a,b\n1,2\n', { header: false }))).toEqual([{ kind: 'notNumber', row: 1, column: 'column 1' }]);
  });

  it('a number target with many distinct values is a regression target; task can be chosen', () => {
    const text = 'x,y\n' + Array.from({ length: 30 }, (_, i) => `${i},${i * 0.5}`).join('\n');
    const r = ok(parseCsv(text));
    expect([r.task, r.dataset.encoding]).toEqual(['regression', 'value']);
    expect(r.dataset.y[4]).toBe(2);
    const classes = ok(parseCsv('x,y\n1,0\n2,1\n3,2\n', { task: 'regression' }));
    expect(classes.task).toBe('regression');
    expect(ok(parseCsv('x,y\n1,0\n2,1\n3,2\n')).task).toBe('multiclass');
  });

  it('handles quotes, semicolons, CRLF, blank lines and whitespace; row numbers count blank lines as a spreadsheet does', () => {
    const text = '"a";"b, c";"label"\r\n 1 ;2;yes\r\n\r\n3;4;"no"\r\n;5;no\r\n';
    const r = parseCsv(text);
    expect(problems(r)).toEqual([{ kind: 'missing', row: 5, column: 'a' }]);
    const fixed = ok(parseCsv(text.replace(';5;no', '7;5;no')));
    expect(fixed.features).toEqual(['a', 'b, c']);
    expect([...fixed.dataset.x]).toEqual([1, 2, 3, 4, 7, 5]);
    expect(fixed.preview.rowNumbers).toEqual([2, 4, 5]);
  });

  it('parses numbers strictly', () => {
    expect([' 12 ', '-1.5e-3', '.5', '+2.', '0x10', '1,5', '1e999', 'Infinity', ''].map(parseNumber)).toEqual([12, -0.0015, 0.5, 2, null, null, null, null, null]);
  });
});

describe('bad CSV files: every problem listed with its row and column, nothing loaded', () => {
  it('text in a number column, missing values and ragged rows, all at once', () => {
    const text = `a,b,label
1,2,x
1,oops,y
NA,3,x
4,5
6,7,x,8
9,,?
`;
    const r = parseCsv(text);
    expect(r.ok).toBe(false);
    expect(problems(r)).toEqual([
      { kind: 'notNumber', row: 3, column: 'b' },
      { kind: 'missing', row: 4, column: 'a' },
      { kind: 'ragged', row: 5, column: undefined },
      { kind: 'ragged', row: 6, column: undefined },
      { kind: 'missing', row: 7, column: 'b' },
      { kind: 'missing', row: 7, column: 'label' },
    ]);
    if (r.ok) return;
    expect(r.problems[2]!.message).toBe('row 5 has 2 cells; the header has 3');
    expect(r.problems[0]!.message).toBe("row 3, column 'b': 'oops' is not a number");
    expect(r.problems[1]!.message).toBe("row 4, column 'a': missing value");
    expect(r.preview?.rows[1]).toEqual(['1', 'oops', 'y']);
  });

  it('a decimal comma gets a hint', () => {
    const r = parseCsv('a;b\n1,5;0\n2,5;1\n');
    expect(!r.ok && r.problems[0]!.message).toBe("row 2, column 'a': '1,5' is not a number (a decimal comma? write 1.5, not 1,5)");
  });

  it('guesses the delimiter from the rows, and takes one given', () => {
    expect(['a;b\n1,5;0\n2,5;1\n', 'a,b\n1,0\n', 'a\tb\tc\n1\t2\t3\n', 'a|b\n1|2\n'].map(guessDelimiter)).toEqual([';', ',', '\t', '|']);
    expect(ok(parseCsv('a b,c\n1 2,0\n3 4,1\n', { delimiter: ' ' })).dataset.featureNames).toEqual(['a']);
  });

  it('an unclosed quote is a syntax problem with its row', () => {
    const r = parseCsv('a,b\n1,0\n"2,1\n3,0\n');
    expect(problems(r)[0]).toMatchObject({ kind: 'syntax', row: 3 });
  });

  it('a file without data rows, an unknown column, a feature that is also the target', () => {
    expect(problems(parseCsv('a,b\n'))).toEqual([{ kind: 'empty', row: undefined, column: undefined }]);
    expect(problems(parseCsv('\n\n'))).toEqual([{ kind: 'empty', row: undefined, column: undefined }]);
    expect(problems(parseCsv(FLOWERS, { target: 'colour', features: ['size', 'length'] }))).toEqual([
      { kind: 'column', row: undefined, column: 'colour' },
      { kind: 'column', row: undefined, column: 'size' },
    ]);
    expect(problems(parseCsv(FLOWERS, { features: ['kind'] }))[0]).toMatchObject({ kind: 'column', column: 'kind' });
    expect(problems(parseCsv('kind\nrose\nlily\n'))[0]).toMatchObject({ kind: 'column' });
  });

  it('a target that cannot serve: text for regression, a single class, three classes for binary', () => {
    expect(problems(parseCsv(FLOWERS, { task: 'regression' }))).toEqual([
      { kind: 'notNumber', row: 2, column: 'kind' },
      { kind: 'notNumber', row: 3, column: 'kind' },
      { kind: 'notNumber', row: 4, column: 'kind' },
      { kind: 'notNumber', row: 5, column: 'kind' },
    ]);
    expect(problems(parseCsv('a,b\n1,yes\n2,yes\n'))).toEqual([{ kind: 'target', row: undefined, column: 'b' }]);
    const r = parseCsv(FLOWERS, { task: 'binary' });
    expect(!r.ok && r.problems[0]!.message).toMatch(/3 classes, not 2/);
  });

  it('lists at most maxProblems problems, then how many more', () => {
    const text = 'a,b\n' + Array.from({ length: 250 }, () => 'x,1').join('\n');
    const r = parseCsv(text, { features: ['a'] });
    if (r.ok) throw new Error('expected problems');
    expect(r.problems[0]!.message).toBe("row 2, column 'a': 'x' is not a number");
    expect(r.problems.length).toBe(DATA_LIMITS.maxProblems + 1);
    expect(r.problems[DATA_LIMITS.maxProblems]!.message).toBe('… and 150 more problems');
  });
});

describe('size limits, checked before parsing', () => {
  it('refuses text over 5 MiB', () => {
    const text = 'a,b\n' + '1,2\n'.repeat(Math.ceil(DATA_LIMITS.maxCsvChars / 4));
    const r = parseCsv(text, { name: 'big.csv' });
    expect(problems(r)).toEqual([{ kind: 'tooLarge', row: undefined, column: undefined }]);
    expect(!r.ok && r.problems[0]!.message).toBe('big.csv is 5.0 MB; a CSV file may be at most 5 MB');
    expect(previewCsv(text).ok).toBe(false);
  });

  it('takes exactly 100,000 data rows and refuses one more', () => {
    const rows = (n: number): string => 'a,b\n' + '1,0\n2,1\n'.repeat(n / 2);
    expect(ok(parseCsv(rows(DATA_LIMITS.maxRows))).dataset.n).toBe(DATA_LIMITS.maxRows);
    expect(problems(parseCsv(rows(DATA_LIMITS.maxRows + 2)))[0]!.kind).toBe('tooManyRows');
  });

  it('refuses more than 1,000 columns', () => {
    const line = (k: number): string => Array.from({ length: k }, (_, j) => j).join(',');
    expect(problems(parseCsv(`${line(1001)}\n${line(1001)}\n`))[0]!.kind).toBe('tooManyColumns');
    expect(ok(parseCsv(`${line(1000)}\n${line(999)},1\n${line(999)},2\n`, { header: false, task: 'regression' })).dataset.d).toBe(999);
  });

  it('refuses a choice of columns over 1,000,000 values before reading the cells', () => {
    const row = (i: number): string => Array.from({ length: 20 }, (_, j) => (i + j) % 2).join(',');
    const text = Array.from({ length: 50_001 }, (_, i) => row(i)).join('\n');
    const r = parseCsv(text, { header: false });
    expect(problems(r)).toEqual([{ kind: 'tooManyValues', row: undefined, column: undefined }]);
    expect(!r.ok && r.problems[0]!.message).toBe('50,001 rows × 20 columns = 1,000,020 values; a data set may hold at most 1,000,000 (choose fewer columns or rows)');
    expect(ok(parseCsv(text, { header: false, features: ['column 1', 'column 2'], target: 'column 20' })).dataset.n).toBe(50_001);
  });
});

describe('preview', () => {
  it('shows the first rows as written and what each column holds', () => {
    const r = previewCsv(FLOWERS, { previewRows: 2 });
    expect(r).toEqual({
      ok: true,
      preview: {
        hasHeader: true,
        columns: [{ name: 'length', kind: 'number' }, { name: 'width', kind: 'number' }, { name: 'kind', kind: 'text' }],
        rows: [['1.5', '0.2', 'rose'], ['2.0', '0.5', 'tulip']],
        rowNumbers: [2, 3],
        totalRows: 4,
      },
    });
  });

  it('names a blank or repeated header cell so that every column has its own name', () => {
    const r = previewCsv('a,,a\n1,2,3\n');
    expect(r.ok && r.preview.columns.map((c) => c.name)).toEqual(['a', 'column 2', 'a (2)']);
  });
});
