/*
 * The markdown subset Adaptive Card TextBlocks use (bold, italic, links, lists, backslash escapes),
 * rendered to HTML that is safe BY CONSTRUCTION: every piece of text goes through escapeHtml, and
 * the only tags ever produced are p, br, strong, em, code, ul, ol, li and a (http/https/mailto
 * links only, opened in a new tab without referrer; or the bot's own #message-… anchors). Alert
 * text is attacker-controlled; nothing in it can become markup here.
 *
 * Loaded by the page (window.safeMarkdown) and by the unit tests (module.exports).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.safeMarkdown = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  var PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
  var SAFE_URL = /^(https?:\/\/|mailto:)[^\s]*$/i;
  // The bot's own anchors to a message on this page (a findings line's full answer): same tab.
  var OWN_ANCHOR = /^#message-web-[0-9a-f-]{36}$/;

  function escapeHtml(text) {
    return String(text)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;');
  }

  /**
   * A finder of closing delimiters in `text`: index of `delim` at or after `from`, skipping
   * backslash escapes; -1 if none. Remembers where a search failed (a later search cannot succeed
   * either), so hostile input like "_ _ _ …" stays linear instead of quadratic.
   */
  function closingFinder(text) {
    var failedFrom = {};
    return function (delim, from) {
      if (failedFrom[delim] !== undefined && from >= failedFrom[delim]) return -1;
      var found = scan(text, delim, from);
      if (found === -1) failedFrom[delim] = Math.min(from, failedFrom[delim] === undefined ? from : failedFrom[delim]);
      return found;
    };
  }

  function scan(text, delim, from) {
    for (var i = from; i < text.length; i++) {
      if (text[i] === '\\') {
        i++;
        continue;
      }
      if (text.substr(i, delim.length) === delim) return i;
    }
    return -1;
  }

  var WORD = /[A-Za-z0-9]/;

  /** `_` emphasis opens only outside a word (snake_case and __names stay text, as in CommonMark). */
  function opensUnderscore(text, i) {
    return text[i] === '_' && text[i + 1] !== '_' && !/[A-Za-z0-9_]/.test(text[i - 1] || '');
  }

  function inline(text) {
    var findClosing = closingFinder(text);
    var out = '';
    var i = 0;
    while (i < text.length) {
      var c = text[i];
      if (c === '\\' && i + 1 < text.length && PUNCTUATION.indexOf(text[i + 1]) !== -1) {
        out += escapeHtml(text[i + 1]);
        i += 2;
        continue;
      }
      if (c === '*' && text[i + 1] === '*') {
        var endBold = findClosing('**', i + 2);
        if (endBold > i + 2) {
          out += '<strong>' + inline(text.slice(i + 2, endBold)) + '</strong>';
          i = endBold + 2;
          continue;
        }
      }
      if ((c === '*' || opensUnderscore(text, i)) && text[i + 1] !== ' ') {
        var endEm = findClosing(c, i + 1);
        if (endEm > i + 1 && (c === '*' || !WORD.test(text[endEm + 1] || ''))) {
          out += '<em>' + inline(text.slice(i + 1, endEm)) + '</em>';
          i = endEm + 1;
          continue;
        }
      }
      if (c === '`') {
        var endCode = findClosing('`', i + 1);
        if (endCode > i + 1) {
          out += '<code>' + escapeHtml(text.slice(i + 1, endCode)) + '</code>';
          i = endCode + 1;
          continue;
        }
      }
      if (c === '[') {
        var link = parseLink(text, i, findClosing);
        if (link) {
          out += link.html;
          i = link.end;
          continue;
        }
      }
      out += escapeHtml(c);
      i++;
    }
    return out;
  }

  /** `[label](url)` at `start`, only for safe URLs; anything else stays text. */
  function parseLink(text, start, findClosing) {
    var closeLabel = findClosing(']', start + 1);
    if (closeLabel === -1 || text[closeLabel + 1] !== '(') return null;
    var closeUrl = findClosing(')', closeLabel + 2);
    if (closeUrl === -1) return null;
    var url = text.slice(closeLabel + 2, closeUrl).trim();
    var anchor = OWN_ANCHOR.test(url);
    if (!anchor && !SAFE_URL.test(url)) return null;
    var label = inline(text.slice(start + 1, closeLabel));
    var target = anchor ? '' : ' target="_blank" rel="noopener noreferrer"';
    return {
      html: '<a href="' + escapeHtml(url) + '"' + target + '>' + label + '</a>',
      end: closeUrl + 1,
    };
  }

  var BULLET = /^\s*[-*+]\s+(.*)$/;
  var NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;

  /** Blocks: paragraphs (blank-line separated, single newlines kept), bulleted and numbered lists. */
  function render(text) {
    var lines = String(text == null ? '' : text).replace(/\r\n?/g, '\n').split('\n');
    var html = '';
    var paragraph = [];
    var list = null;
    function flushParagraph() {
      if (paragraph.length) html += '<p>' + paragraph.map(inline).join('<br>') + '</p>';
      paragraph = [];
    }
    function flushList() {
      if (list) html += '<' + list.tag + '>' + list.items.map(function (item) { return '<li>' + inline(item) + '</li>'; }).join('') + '</' + list.tag + '>';
      list = null;
    }
    lines.forEach(function (line) {
      var bullet = BULLET.exec(line);
      var numbered = bullet ? null : NUMBERED.exec(line);
      var tag = bullet ? 'ul' : numbered ? 'ol' : null;
      if (tag) {
        flushParagraph();
        if (!list || list.tag !== tag) {
          flushList();
          list = { tag: tag, items: [] };
        }
        list.items.push((bullet || numbered)[1]);
      } else if (line.trim() === '') {
        flushParagraph();
        flushList();
      } else {
        flushList();
        paragraph.push(line);
      }
    });
    flushParagraph();
    flushList();
    return html;
  }

  return { render: render, escapeHtml: escapeHtml };
});
