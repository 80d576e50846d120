// The page's markdown renderer: alert text is attacker-controlled, so nothing in it may become markup.
const { render } = require('../../../src/adapters/web/public/safe-markdown.js') as { render: (text: string) => string };

const ALLOWED_TAGS = new Set(['p', 'br', 'strong', 'em', 'code', 'ul', 'ol', 'li', 'a']);

function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z0-9]+)/g)].map((m) => m[1]!.toLowerCase());
}

describe('safe-markdown', () => {
  it('renders the Adaptive Card markdown subset', () => {
    expect(render('**bold** and _it_')).toBe('<p><strong>bold</strong> and <em>it</em></p>');
    expect(render('- one\n- two')).toBe('<ul><li>one</li><li>two</li></ul>');
    expect(render('1. first\n2. second')).toBe('<ol><li>first</li><li>second</li></ol>');
    expect(render('line one\nline two\n\nnext')).toBe('<p>line one<br>line two</p><p>next</p>');
    expect(render('[portal](https://portal.azure.com/#x)')).toBe(
      '<p><a href="https://portal.azure.com/#x" target="_blank" rel="noopener noreferrer">portal</a></p>',
    );
  });

  it('honours backslash escapes, so escaped alert text shows literally', () => {
    expect(render('web\\-vm\\-01 \\*not bold\\* \\[x\\]\\(http://evil\\)')).toBe('<p>web-vm-01 *not bold* [x](http://evil)</p>');
    expect(render('\\- not a list')).toBe('<p>- not a list</p>');
  });

  it('turns HTML in the text into text', () => {
    const html = render('<script>window.__xss=1</script><img src=x onerror="window.__xss=2">');
    expect(html).toBe('<p>&lt;script&gt;window.__xss=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;</p>');
    expect(tagsOf(html)).toEqual(['p', 'p']);
  });

  it('links only http(s) and mailto, with the URL escaped', () => {
    expect(render('[click](javascript:alert(1))')).not.toContain('<a');
    expect(render('[click](data:text/html,<script>)')).not.toContain('<a');
    const quoted = render('[x](https://a.example/"onmouseover="alert(1))');
    expect(quoted).toContain('href="https://a.example/&quot;onmouseover=&quot;alert(1"');
    expect(quoted.match(/"/g)!.length % 2).toBe(0);
  });

  it("opens the bot's own message anchors in the page itself, and no other fragment", () => {
    const id = 'web-0b6c7c2e-5d7e-4a57-9d4e-1f2a3b4c5d6e';
    expect(render(`[full answer](#message-${id})`)).toBe(`<p><a href="#message-${id}">full answer</a></p>`);
    expect(render('[x](#message-web-"onclick=alert(1))')).not.toContain('<a');
    expect(render('[x](#top)')).not.toContain('<a');
  });

  it('never produces a tag outside the allowed set, whatever the input', () => {
    const fc = require('fast-check') as typeof import('fast-check');
    const pieces = fc.constantFrom('<', '>', '"', "'", '&', '*', '**', '_', '`', '[', ']', '(', ')', '\\', '\n', '- ', '1. ', 'http://x', 'javascript:', 'a', ' ', 'onerror=', '<img', '<script>');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }).map((a) => a.join('')), (text) => {
        const html = render(text);
        for (const tag of tagsOf(html)) expect(ALLOWED_TAGS.has(tag)).toBe(true);
        // every '<' in the output starts one of our tags; text '<' is always &lt;
        expect(html.replace(/<\/?(p|br|strong|em|code|ul|ol|li)>|<a href="[^"<>]*" target="_blank" rel="noopener noreferrer">|<\/a>/g, '')).not.toMatch(/[<>]/);
      }),
      { numRuns: 500 },
    );
  });

  it('stays fast on hostile delimiter floods', () => {
    const started = Date.now();
    render('_ '.repeat(20000) + '[a]('.repeat(5000) + '*'.repeat(20000));
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
