/*
 * The local channel page: shows the messages the bot posts (alert cards, each with its thread) —
 * oldest first as in a chat channel, the newest threads only, older ones a page at a time on request —
 * rendered by the official Adaptive Cards renderer, and sends button clicks and commands back.
 * Data never goes through innerHTML: cards are rendered by the library (TextBlock markdown through
 * safeMarkdown, which escapes everything) and everything else is textContent.
 */
(function () {
  'use strict';

  var AC = window.AdaptiveCards;
  var messagesEl = document.getElementById('messages');
  var answersEl = document.getElementById('answers');
  var statusEl = document.getElementById('status');
  var userInput = document.getElementById('user');
  var CHANNEL = 'alerts';
  /** message id -> { article, cardHost, thread, message } */
  var shown = new Map();

  userInput.value = localStorage.getItem('dtb.user') || 'analyst';
  userInput.addEventListener('change', function () {
    userInput.value = userInput.value.trim() || 'analyst';
    localStorage.setItem('dtb.user', userInput.value);
    connect(); // a fresh snapshot: this name's private answers, not the previous name's
  });
  function currentUser() {
    return userInput.value.trim() || 'analyst';
  }

  AC.AdaptiveCard.onProcessMarkdown = function (text, result) {
    result.outputHtml = window.safeMarkdown.render(text);
    result.didProcess = true;
  };

  var hostConfig = new AC.HostConfig({
    fontFamily: 'Segoe UI, system-ui, -apple-system, Helvetica, Arial, sans-serif',
    supportsInteractivity: true,
  });

  /** Renders an Adaptive Card JSON into `host`; clicks come back as actions on `messageId`. */
  function renderCard(card, host, messageId) {
    var adaptive = new AC.AdaptiveCard();
    adaptive.hostConfig = hostConfig;
    adaptive.onExecuteAction = function (action) {
      onAction(action, messageId);
    };
    try {
      adaptive.parse(card);
      var element = adaptive.render();
      host.replaceChildren(element || text('(empty card)', 'error-text'));
    } catch (err) {
      host.replaceChildren(text('This card could not be shown: ' + err.message, 'error-text'));
    }
  }

  function text(value, className) {
    var el = document.createElement('div');
    if (className) el.className = className;
    el.textContent = value;
    return el;
  }

  function meta(label, at) {
    var when = at ? new Date(at) : new Date();
    return text(label + ' · ' + when.toLocaleTimeString(), 'meta');
  }

  /** `before`: for a thread from a page of history, the oldest thread shown so far (it goes above). */
  function showRoot(message, before) {
    var article = document.createElement('article');
    article.className = 'message';
    article.dataset.messageId = message.id;
    article.id = 'message-' + message.id; // a findings line's "full answer" anchor
    var cardHost = document.createElement('div');
    cardHost.className = 'card';
    var thread = document.createElement('section');
    thread.className = 'thread';
    thread.dataset.threadId = message.id;
    article.append(meta('triage-bot', message.at), cardHost, thread);
    messagesEl.querySelector('.empty')?.remove();
    // Oldest first, as in a Slack or Teams channel (the demo starts with the flagship story); a
    // thread from a page of history goes above the ones already shown.
    if (before) messagesEl.insertBefore(article, before);
    else messagesEl.append(article);
    shown.set(message.id, { article: article, cardHost: cardHost, thread: thread, message: message });
    renderCard(message.card, cardHost, message.id);
  }

  function showReply(message) {
    var root = shown.get(message.threadId);
    if (!root) return showRoot(message); // its root is gone: show it on its own
    var reply = document.createElement('div');
    reply.className = 'reply';
    reply.dataset.messageId = message.id;
    reply.id = 'message-' + message.id; // a findings line's "full answer" anchor
    var cardHost = document.createElement('div');
    reply.append(meta('triage-bot', message.at), cardHost);
    root.thread.append(reply);
    shown.set(message.id, { article: reply, cardHost: cardHost, thread: root.thread, message: message });
    renderCard(message.card, cardHost, message.id);
  }

  function showMessage(message, before) {
    if (message.privateTo !== undefined) return message.privateTo === currentUser() ? showPrivate(message) : undefined;
    if (shown.has(message.id)) return updateMessage(message);
    if (message.threadId === message.id) showRoot(message, before);
    else showReply(message);
  }

  /** Earlier replies of a thread that a page of history leaves out: said, not silently missing. */
  function noteHiddenReplies(hidden) {
    Object.keys(hidden || {}).forEach(function (threadId) {
      var root = shown.get(threadId);
      if (root) root.thread.prepend(text(hidden[threadId] + ' earlier replies in this thread are not shown here', 'meta'));
    });
  }

  var olderButton = document.createElement('button');
  olderButton.type = 'button';
  olderButton.className = 'older';
  olderButton.addEventListener('click', function () {
    var before = olderButton.dataset.before;
    olderButton.disabled = true;
    fetch('/api/web/history?before=' + encodeURIComponent(before))
      .then(function (res) {
        return res.json();
      })
      .then(function (page) {
        // The page is oldest first, like the channel: all of it goes above the oldest thread shown.
        var oldestShown = messagesEl.querySelector('article.message');
        var roots = page.messages.filter(function (m) {
          return m.id === m.threadId;
        });
        roots.forEach(function (root) {
          showMessage(root, oldestShown);
        });
        page.messages.forEach(function (m) {
          if (m.id !== m.threadId) showMessage(m);
        });
        noteHiddenReplies(page.hiddenReplies);
        offerOlder(page, roots[0]);
      })
      .catch(function (err) {
        showEphemeral(undefined, 'Older alerts could not be loaded: ' + err.message);
      })
      .finally(function () {
        olderButton.disabled = false;
      });
  });

  /** A button above the oldest thread shown, while there are older ones. */
  function offerOlder(page, oldestRoot) {
    if (page.olderThreads > 0 && oldestRoot) {
      olderButton.textContent = 'Show older alerts (' + page.olderThreads + ' more threads)';
      olderButton.dataset.before = oldestRoot.id;
      messagesEl.prepend(olderButton);
    } else olderButton.remove();
  }

  function updateMessage(message) {
    var entry = shown.get(message.id);
    if (!entry) return showMessage(message);
    entry.message = message;
    renderCard(message.card, entry.cardHost, message.id);
  }

  /**
   * A private answer (kept by the bot until dismissed): in the thread of the card it answers, or
   * under the command box with the command it answers.
   */
  function showPrivate(message) {
    if (shown.has(message.id)) return;
    var root = shown.get(message.threadId);
    var box = document.createElement('div');
    box.className = 'reply ephemeral';
    box.dataset.messageId = message.id;
    var head = meta('triage-bot', message.at);
    var dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.className = 'dismiss';
    dismiss.textContent = '×';
    dismiss.title = 'Dismiss';
    dismiss.setAttribute('aria-label', 'Dismiss');
    dismiss.addEventListener('click', function () {
      fetch('/api/web/dismiss', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ messageId: message.id, user: currentUser() }) });
    });
    head.append(dismiss);
    box.append(head);
    if (message.about) box.append(text('› ' + message.about, 'about'));
    var cardHost = document.createElement('div');
    box.append(cardHost);
    renderCard(message.card, cardHost, message.threadId);
    shown.set(message.id, { article: box, cardHost: cardHost, thread: root ? root.thread : answersEl, message: message });
    if (root) root.thread.append(box);
    else answersEl.prepend(box);
    box.scrollIntoView({ block: 'nearest' });
  }

  function removeMessage(id) {
    var entry = shown.get(id);
    if (entry) entry.article.remove();
    shown.delete(id);
  }

  /** A transient answer (an error of the page itself): in the thread it belongs to, or above the channel. */
  function showEphemeral(threadId, content) {
    var root = threadId ? shown.get(threadId) : undefined;
    var box = document.createElement('div');
    box.className = 'reply ephemeral';
    var cardHost = document.createElement('div');
    box.append(meta('triage-bot'), cardHost);
    if (typeof content === 'string') cardHost.append(text(content, 'error-text'));
    else renderCard(content, cardHost, threadId);
    if (root) root.thread.append(box);
    else answersEl.prepend(box);
    box.scrollIntoView({ block: 'nearest' });
  }

  function onAction(action, messageId) {
    var type = action.getJsonTypeName();
    if (type === 'Action.OpenUrl') {
      if (/^https?:\/\//i.test(action.url || '')) window.open(action.url, '_blank', 'noopener,noreferrer');
      return;
    }
    var data = Object.assign({}, action.data || {});
    var verb = type === 'Action.Execute' ? action.verb : data.verb;
    delete data.verb;
    var entry = shown.get(messageId);
    var threadId = entry ? entry.message.threadId : undefined;
    send('/api/web/action', { verb: verb, data: data, messageId: messageId, user: currentUser() }, threadId);
  }

  function send(url, body, threadId) {
    return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (res) {
        return res.json().catch(function () {
          return { ok: false, error: 'the bot answered ' + res.status };
        });
      })
      .then(function (answer) {
        // A reply the bot kept (answerId) arrives as a message event; show only what it did not keep.
        if (answer.reply && !answer.answerId) showEphemeral(threadId, answer.reply);
        else if (!answer.ok) showEphemeral(threadId, answer.error || 'that did not work');
      })
      .catch(function (err) {
        showEphemeral(threadId, 'The bot cannot be reached: ' + err.message);
      });
  }

  document.getElementById('command').addEventListener('submit', function (event) {
    event.preventDefault();
    var input = document.getElementById('command-text');
    var value = input.value.trim();
    if (!value) return;
    input.value = '';
    send('/api/web/command', { text: value, channelId: CHANNEL, user: currentUser() });
  });

  function onEvent(event) {
    if (event.type === 'snapshot') {
      shown.clear();
      messagesEl.replaceChildren(text('No alerts yet.', 'empty'));
      answersEl.replaceChildren();
      event.messages.forEach(function (m) {
        showMessage(m);
      });
      noteHiddenReplies(event.hiddenReplies);
      var firstRoot = event.messages.find(function (m) {
        return m.id === m.threadId;
      });
      offerOlder(event, firstRoot);
    } else if (event.type === 'message') {
      showMessage(event.message);
    } else if (event.type === 'update') {
      updateMessage(event.message);
    } else if (event.type === 'remove') {
      removeMessage(event.messageId);
    }
  }

  var source;
  function connect() {
    if (source) source.close();
    source = new EventSource('/api/web/events');
    source.onopen = function () {
      statusEl.textContent = 'live';
      statusEl.className = 'status live';
    };
    source.onerror = function () {
      statusEl.textContent = 'reconnecting…';
      statusEl.className = 'status';
    };
    source.onmessage = function (e) {
      onEvent(JSON.parse(e.data));
    };
  }

  connect();
})();
