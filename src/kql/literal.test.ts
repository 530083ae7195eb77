import { formatKqlVariable, quoteKql } from './literal';

describe('quoteKql', () => {
  const cases: Array<{ name: string; in: unknown; want: string }> = [
    { name: 'plain text', in: 'alice', want: "'alice'" },
    { name: 'domain account keeps its backslash', in: 'CONTOSO\\alice', want: "'CONTOSO\\\\alice'" },
    { name: 'windows path', in: 'C:\\Windows\\System32', want: "'C:\\\\Windows\\\\System32'" },
    { name: 'single quote', in: "O'Brien", want: "'O\\'Brien'" },
    { name: 'double quote stays', in: 'say "hi"', want: '\'say "hi"\'' },
    { name: 'trailing backslash cannot close the literal', in: 'dir\\', want: "'dir\\\\'" },
    { name: 'newline and tab', in: 'a\nb\tc\r', want: "'a\\nb\\tc\\r'" },
    { name: 'unicode passes through', in: 'Zoë 東京 🔒', want: "'Zoë 東京 🔒'" },
    { name: 'number', in: 42, want: "'42'" },
    { name: 'undefined is empty', in: undefined, want: "''" },
  ];
  it.each(cases)('$name', ({ in: input, want }) => {
    expect(quoteKql(input)).toBe(want);
  });
});

describe('formatKqlVariable', () => {
  const cases: Array<{ name: string; in: unknown; want: string }> = [
    { name: 'single value', in: 'host-01', want: "'host-01'" },
    { name: 'multi value for in (...)', in: ['a', 'b'], want: "'a', 'b'" },
    {
      name: 'multi value with backslashes and quotes',
      in: ['CONTOSO\\bob', "it's"],
      want: "'CONTOSO\\\\bob', 'it\\'s'",
    },
    { name: 'empty selection', in: [], want: "''" },
  ];
  it.each(cases)('$name', ({ in: input, want }) => {
    expect(formatKqlVariable(input)).toBe(want);
  });
});
