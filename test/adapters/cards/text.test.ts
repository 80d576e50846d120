/** The text primitives every card value goes through. */
import fc from 'fast-check';
import { cut, escapeMarkdown, oneLine, safeHttpsUrl, toText } from '../../../src/adapters/cards/text';
import { relativeText, whenText } from '../../../src/adapters/cards/when';

describe('cut', () => {
  it('keeps short text and marks long text with how much was cut', () => {
    expect(cut('abc', 10)).toBe('abc');
    const out = cut('x'.repeat(109 + 12_345), 140);
    expect(out).toBe(`${'x'.repeat(109)}… [cut, 12,345 more characters]`);
    expect(out).toHaveLength(140);
    expect(cut('y'.repeat(1000), 40)).toMatch(/^y+…\[\+\d{3}\]$/);
  });

  it('never exceeds max (from 16 up) and never splits a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), fc.integer({ min: 16, max: 2000 }), (s, max) => {
        const out = cut(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      }),
    );
  });
});

describe('toText / oneLine', () => {
  it('coerces any value to text: objects to their JSON, arrays joined, dates as ISO, nothing for null', () => {
    expect(toText({ type: 'Image' })).toBe('{"type":"Image"}');
    expect(toText(['a', 1, { b: 2 }])).toBe('a, 1, {"b":2}');
    expect(toText(new Date('2026-11-26T02:16:04Z'))).toBe('2026-11-26T02:16:04.000Z');
    expect(toText(null)).toBe('');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(toText(cyclic)).toBe('[unreadable value]');
  });

  it('drops control and bidi-override characters (they hide or reorder what the analyst reads)', () => {
    expect(toText('evil\u202Egnp.exe\u0000\u0007')).toBe('evilgnp.exe');
    expect(toText('a\r\nb\tc')).toBe('a\nb\tc');
    expect(oneLine('a\n  b\nc ')).toBe('a b c');
  });
});

describe('escapeMarkdown', () => {
  it('backslash-escapes every markdown special character', () => {
    expect(escapeMarkdown('[x](y) *b* _i_ # - + 1. ! > ~ | ` \\ < & = {}')).toBe(
      '\\[x\\]\\(y\\) \\*b\\* \\_i\\_ \\# \\- \\+ 1\\. \\! \\> \\~ \\| \\` \\\\ \\< \\& \\= \\{\\}',
    );
  });

  it('drops line indentation, which would otherwise make an indented code block', () => {
    expect(escapeMarkdown('\tcode?\n    more\nkeep  inner  spaces')).toBe('code?\nmore\nkeep  inner  spaces');
  });
});

describe('safeHttpsUrl', () => {
  it('keeps https links only', () => {
    expect(safeHttpsUrl('https://portal.azure.com/#blade/x')).toBe('https://portal.azure.com/#blade/x');
    for (const bad of ['http://x.example', 'javascript:alert(1)', 'data:text/html,x', ' https://', { href: 'https://x' }]) {
      expect(safeHttpsUrl(bad)).toBeUndefined();
    }
  });
});

describe('when', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  it.each([
    ['2026-11-26T11:59:40Z', 'just now'],
    ['2026-11-26T11:48:00Z', '12 min ago'],
    ['2026-11-26T09:00:00Z', '3 h ago'],
    ['2026-11-23T12:00:00Z', '3 d ago'],
    ['2026-11-26T12:05:00Z', 'in 5 min'],
  ])('%s is %s', (iso, expected) => expect(relativeText(iso, now)).toBe(expected));

  it('prints UTC and relative together, nothing for an unreadable time', () => {
    expect(whenText('2026-11-26T11:48:00.123Z', now)).toBe('2026-11-26 11:48:00 UTC (12 min ago)');
    expect(whenText('not a time', now)).toBe('');
  });
});
