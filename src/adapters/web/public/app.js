/*
 * The local channel page: shows the messages the bot posts (alert cards, each with its thread) —
 * the newest threads first, older ones a page at a time on request —
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

  /** `older`: a thread from a page of history, shown below the ones already there. */
  function showRoot(message, older) {
    var article = document.createElement('article');
    article.className = 'message';
    article.dataset.messageId = message.id;
    var cardHost = document.createElement('div');
    cardHost.className = 'card';
    var thread = document.createElement('section');
    thread.className = 'thread';
    thread.dataset.threadId = message.id;
    article.append(meta('triage-bot', message.at), cardHost, thread);
    messagesEl.querySelector('.empty')?.remove();
    if (older) messagesEl.insertBefore(article, olderButton.parentNode === messagesEl ? olderButton : null);
    else messagesEl.prepend(article); // newest alert first
    shown.set(message.id, { article: article, cardHost: cardHost, thread: thread, message: message });
    renderCard(message.card, cardHost, message.id);
  }

  function showReply(message) {
    var root = shown.get(message.threadId);
    if (!root) return showRoot(message); // its root is gone: show it on its own
    var reply = document.createElement('div');
    reply.className = 'reply';
    reply.dataset.messageId = message.id;
    var cardHost = document.createElement('div');
    reply.append(meta('triage-bot', message.at), cardHost);
    root.thread.append(reply);
    shown.set(message.id, { article: reply, cardHost: cardHost, thread: root.thread, message: message });
    renderCard(message.card, cardHost, message.id);
  }

  function showMessage(message, older) {
    if (shown.has(message.id)) return updateMessage(message);
    if (message.threadId === message.id) showRoot(message, older);
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
        // The page is oldest first; below what is shown, the newest of it comes first.
        var roots = page.messages.filter(function (m) {
          return m.id === m.threadId;
        });
        roots.reverse().forEach(function (root) {
          showMessage(root, true);
        });
        page.messages.forEach(function (m) {
          if (m.id !== m.threadId) showMessage(m);
        });
        noteHiddenReplies(page.hiddenReplies);
        offerOlder(page, roots[roots.length - 1]);
      })
      .catch(function (err) {
        showEphemeral(undefined, 'Older alerts could not be loaded: ' + err.message);
      })
      .finally(function () {
        olderButton.disabled = false;
      });
  });

  /** A button below the oldest thread shown, while there are older ones. */
  function offerOlder(page, oldestRoot) {
    if (page.olderThreads > 0 && oldestRoot) {
      olderButton.textContent = 'Show older alerts (' + page.olderThreads + ' more threads)';
      olderButton.dataset.before = oldestRoot.id;
      messagesEl.append(olderButton);
    } else olderButton.remove();
  }

  function updateMessage(message) {
    var entry = shown.get(message.id);
    if (!entry) return showMessage(message);
    entry.message = message;
    renderCard(message.card, entry.cardHost, message.id);
  }

  /** An answer only the clicker sees: in the thread it belongs to, or above the channel. */
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
        if (answer.reply) showEphemeral(threadId, answer.reply);
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
    } else if (event.type === 'notify' && event.userId === currentUser()) {
      showEphemeral(event.threadId, event.card);
    }
  }

  function connect() {
    var source = new EventSource('/api/web/events');
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
