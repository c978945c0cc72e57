/*
 * The chat's shell: everything of / and /embed that must work before Web Chat's bundle has run. It is a few KB,
 * runs as the page is parsed, and:
 *
 * - applies the settings and the theme (light, dark, or the system's) to the header, the greeting and the send box
 *   that the page's HTML already shows, so the visitor can start typing at once (what is sent is queued);
 * - asks for the Direct Line token (or renews the stored conversation's), starts the conversation and asks the bot
 *   to greet, all while the bundle downloads and runs; loads Web Chat (public/vendor/webchat.js) and chat.js after
 *   the first paint; chat.js hands the shell over to Web Chat once the transcript is there, keeping what was typed
 *   and where the focus was;
 * - in the widget's panel (/embed, framed by widget.js), talks to the launcher: the close button and Escape (anywhere
 *   in the panel) close it, Tab stays inside it while it is full screen, and a panel made ahead of time
 *   (`?warm=1`, when the page is idle or the launcher is hovered) downloads the bundle, runs it once the launcher
 *   is hovered or focused (`prepare`), and connects only when opened (`start`).
 * Downloads start from the page's own <link rel="preload">, before this script runs (when warm: from here, quietly).
 *
 * chat.js finds all this on window.StatusBotShell. No inline script or style anywhere: the pages carry this script's
 * CSP nonce, which Web Chat puts on the <style> elements it injects.
 */
/* global window, document, location, navigator, sessionStorage, fetch, URL, URLSearchParams, requestAnimationFrame */
(function () {
  'use strict';

  var SESSION_KEY = 'statusbot.chat.v1';
  var script = document.currentScript;
  var nonce = (script && script.nonce) || '';
  var root = document.documentElement;
  var embedded = root.hasAttribute('data-embed');
  var params = new URLSearchParams(location.search);
  var settings = readSettings();
  var parentOrigin = embedded ? findParentOrigin() : null;
  var themeQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  var elements = {
    shell: document.getElementById('sb-shell'),
    transcript: document.getElementById('sb-shell-transcript'),
    input: document.getElementById('sb-shell-input'),
    send: document.getElementById('sb-shell-send'),
    chat: document.getElementById('sb-webchat'),
    status: document.getElementById('sb-status'),
    reset: document.getElementById('sb-new'),
    close: document.getElementById('sb-close'),
    title: document.getElementById('sb-title'),
    support: document.getElementById('sb-support'),
  };

  var queued = []; // what the visitor sent before Web Chat was there
  var chat = null; // chat.js, once it has attached
  var handlers = {}; // the launcher's messages, for chat.js
  var started = false;
  var whenStarted = []; // chat.js, waiting to connect
  var scriptsLoading = false;
  var modal = false;

  // ---------------------------------------------------------------- settings

  /** Page settings: query parameters (set by widget.js for /embed; `/?theme=dark` works too), else defaults. */
  function readSettings() {
    var theme = params.get('theme');
    var locale = params.get('locale') || navigator.language || 'en-US';
    var persist = params.get('persist');
    return {
      title: clip(params.get('title') || 'StatusBot', 40),
      accent: validColor(params.get('accent')) || '#0f7b5f',
      theme: theme === 'light' || theme === 'dark' ? theme : 'auto',
      locale: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale) ? locale : 'en-US',
      persist: persist !== 'false' && persist !== '0',
      supportUrl: safeUrl(params.get('support-url')),
    };
  }

  function clip(text, max) {
    return String(text).slice(0, max);
  }

  function validColor(value) {
    return value && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value) ? value : null;
  }

  /** Only http(s) links: a support link must never become a javascript: URL. */
  function safeUrl(value) {
    if (!value) return null;
    try {
      var url = new URL(value, location.href);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch {
      return null;
    }
  }

  /** The host page that frames /embed: the only origin the bridge talks to. */
  function findParentOrigin() {
    if (window.parent === window) return null;
    var ancestors = location.ancestorOrigins;
    if (ancestors && ancestors.length) return ancestors[0];
    try {
      return document.referrer ? new URL(document.referrer).origin : null;
    } catch {
      return null;
    }
  }

  // ---------------------------------------------------------------- colours and theme

  function rgb(hex) {
    var h = hex.slice(1);
    if (h.length === 3) h = h[0] + h[0] + h[1] + h[1] + h[2] + h[2];
    return [0, 2, 4].map(function (i) {
      return parseInt(h.slice(i, i + 2), 16);
    });
  }

  function toHex(c) {
    return (
      '#' +
      c
        .map(function (v) {
          return Math.round(v).toString(16).padStart(2, '0');
        })
        .join('')
    );
  }

  function luminance(c) {
    var l = c.map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
  }

  function contrast(a, b) {
    var la = luminance(a);
    var lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  /** The accent, darkened or lightened just enough to reach 4.5:1 against `background` (WCAG AA for text). */
  function readable(accent, background) {
    var c = rgb(accent);
    var bg = rgb(background);
    var target = luminance(bg) > 0.5 ? [0, 0, 0] : [255, 255, 255];
    for (var i = 0; i < 20 && contrast(c, bg) < 4.5; i++) {
      c = c.map(function (v, k) {
        return v + (target[k] - v) * 0.12;
      });
    }
    return toHex(c);
  }

  function effectiveTheme() {
    if (settings.theme !== 'auto') return settings.theme;
    return themeQuery && themeQuery.matches ? 'dark' : 'light';
  }

  /** The bubbles' colour per theme (chat.css has the same), against which accent-coloured text must be readable. */
  var BUBBLE = { light: '#ffffff', dark: '#20262f' };

  function applyChrome() {
    var theme = effectiveTheme();
    root.setAttribute('data-theme', theme);
    // Filled surfaces (header, buttons, the visitor's bubbles) keep the brand colour with white text in both themes;
    // accent-coloured text is lightened on dark backgrounds.
    root.style.setProperty('--sb-accent', readable(settings.accent, '#ffffff'));
    root.style.setProperty('--sb-accent-text', readable(settings.accent, BUBBLE[theme]));
    root.style.setProperty('--sb-on-accent', '#ffffff');
    if (elements.title) elements.title.textContent = settings.title;
    if (embedded) document.title = settings.title + ' chat';
    if (elements.support && settings.supportUrl) {
      elements.support.href = settings.supportUrl;
      elements.support.parentElement.hidden = false;
    }
  }

  // ---------------------------------------------------------------- the conversation's session

  function loadSession() {
    if (!settings.persist) return null;
    try {
      var saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
      if (saved && saved.conversationId && saved.token && saved.domain && saved.userId) return saved;
    } catch {
      // Storage blocked or corrupt: start fresh.
    }
    return null;
  }

  function saveSession(session) {
    if (!settings.persist || !session) return;
    try {
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    } catch {
      // Storage full or blocked: the conversation simply does not survive a reload.
    }
  }

  function clearSession() {
    try {
      sessionStorage.removeItem(SESSION_KEY);
    } catch {
      // Nothing stored.
    }
  }

  /** A fresh conversation: a token scoped to it, from our server (which talks to Azure when configured). */
  async function newConversation() {
    var res = await fetch('/api/directline/token', {
      method: 'POST',
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!res.ok) throw new Error(await problemText(res, 'The chat service did not start a conversation'));
    var body = await res.json();
    if (!body.token || !body.domain) throw new Error('The chat service answered without a token.');
    return {
      token: body.token,
      conversationId: body.conversationId,
      domain: body.domain,
      userId: body.userId || 'dl_' + randomId(),
      joined: false,
      seen: '',
    };
  }

  /** The stored conversation with a renewed token, or null when it can no longer be resumed (expired, unknown). */
  async function resume(session) {
    try {
      var res = await fetch(session.domain + '/tokens/refresh', {
        method: 'POST',
        headers: { authorization: 'Bearer ' + session.token },
      });
      if (!res.ok) return null;
      var body = await res.json();
      if (!body.token || (body.conversationId && body.conversationId !== session.conversationId)) return null;
      return Object.assign({}, session, { token: body.token });
    } catch {
      return null;
    }
  }

  async function problemText(res, fallback) {
    try {
      var body = await res.json();
      if (body && body.detail) return fallback + ': ' + body.detail;
    } catch {
      // Not JSON.
    }
    return fallback + ' (HTTP ' + res.status + ').';
  }

  function randomId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return b.toString(16).padStart(2, '0');
      })
      .join('');
  }

  /**
   * Starts the new conversation and asks the bot to greet (the `webchat/join` event Web Chat would send once it has
   * connected), over Direct Line's REST API while Web Chat is still loading: the greeting is waiting when it connects.
   * Best effort: false if it did not work, and Web Chat then starts and joins the conversation itself.
   */
  async function startAndJoin(session) {
    try {
      var auth = { authorization: 'Bearer ' + session.token };
      var started = await fetch(session.domain + '/conversations', { method: 'POST', headers: auth });
      if (!started.ok) return false;
      var conversation = await started.json();
      if (conversation.conversationId !== session.conversationId) return false;
      var join = {
        type: 'event',
        name: 'webchat/join',
        value: { language: settings.locale },
        from: { id: session.userId, role: 'user' },
      };
      var url = session.domain + '/conversations/' + encodeURIComponent(session.conversationId) + '/activities';
      var joined = await fetch(url, {
        method: 'POST',
        headers: Object.assign({ 'content-type': 'application/json' }, auth),
        body: JSON.stringify(join),
      });
      session.joined = joined.ok;
      return joined.ok;
    } catch {
      return false;
    }
  }

  /**
   * The conversation to connect to: the stored one renewed (a reload), else a new one, started and greeted;
   * `{ session, resumed }` (resumed: Web Chat connects to a conversation that has begun). Rejects with a message for
   * the visitor when the service cannot start one.
   */
  async function openSession(fresh) {
    var saved = fresh ? null : loadSession();
    var session = saved ? await resume(saved) : null;
    if (saved && !session) clearSession();
    var resumed = !!session;
    if (!session) {
      session = await newConversation();
      resumed = await startAndJoin(session);
    }
    saveSession(session);
    return { session: session, resumed: resumed };
  }

  // ---------------------------------------------------------------- loading Web Chat

  var firstSession = null;

  /** Starts the chat: the token request and loading Web Chat run side by side. */
  function start() {
    if (started || !script || !script.dataset.webchat) return;
    started = true;
    // The token, the conversation and the greeting are asked for now. Their round trips need the main thread in
    // between, and the bundle may be holding it by then: whatever is left runs right after it, still before Web Chat
    // has drawn itself.
    firstSession = openSession(false);
    firstSession.catch(function () {
      // chat.js reports it.
    });
    prepare();
    while (whenStarted.length) whenStarted.shift()();
  }

  /**
   * Runs Web Chat's bundle and chat.js (which connects once started). The page's <link rel="preload"> has started
   * the downloads; the shell is painted first, since the bundle takes the main thread for a while once it runs.
   */
  function prepare() {
    if (scriptsLoading || !script || !script.dataset.webchat) return;
    scriptsLoading = true;
    afterPaint(function () {
      load(script.dataset.webchat);
      load(script.dataset.chat);
    });
  }

  /**
   * Downloads Web Chat and chat.js into the HTTP cache, quietly. A plain low-priority fetch rather than
   * <link rel="prefetch">: in a frame of another site, Chromium does not use what rel=prefetch fetched for the script
   * that needs it later, and downloads it again.
   */
  function prefetch() {
    [script.dataset.webchat, script.dataset.chat].forEach(function (url) {
      fetch(url, { priority: 'low' })
        .then(function (res) {
          return res.arrayBuffer();
        })
        .catch(function () {
          // Not cached: the script downloads it when it runs.
        });
    });
  }

  function load(src) {
    var tag = document.createElement('script');
    tag.src = src;
    tag.async = false; // in order: Web Chat, then chat.js
    tag.addEventListener('error', function () {
      showStatus(
        'The chat could not load (' + src.split('?')[0] + ' did not arrive). Reload the page to try again.',
        true,
      );
    });
    document.body.appendChild(tag);
  }

  /** After the next frame is painted (or soon, where frames are not drawn: a panel still hidden). */
  function afterPaint(fn) {
    var done = false;
    var once = function () {
      if (done) return;
      done = true;
      fn();
    };
    if (typeof requestAnimationFrame === 'function') {
      requestAnimationFrame(function () {
        window.setTimeout(once, 0);
      });
    }
    window.setTimeout(once, 100);
  }

  // ---------------------------------------------------------------- the shell's own send box

  function sendFromShell() {
    var text = elements.input.value;
    if (!text.trim()) return;
    elements.input.value = '';
    fitInput();
    if (chat) {
      chat.send(text);
      return;
    }
    queued.push(text.slice(0, 10000));
    var bubble = document.createElement('p');
    bubble.className = 'sb-shell__mine';
    bubble.textContent = text;
    elements.transcript.appendChild(bubble);
    bubble.scrollIntoView({ block: 'end' });
    start();
  }

  /** The text box grows with what is typed, up to a few lines. */
  function fitInput() {
    elements.input.style.height = 'auto';
    elements.input.style.height = Math.min(elements.input.scrollHeight, 168) + 'px';
  }

  function wireShell() {
    if (!elements.input) return;
    if (window.matchMedia && window.matchMedia('(max-width: 479px)').matches)
      elements.input.placeholder = 'Ask about a status code…';
    elements.input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        sendFromShell();
      }
    });
    elements.input.addEventListener('input', fitInput);
    elements.send.addEventListener('click', function () {
      sendFromShell();
      elements.input.focus();
    });
  }

  /**
   * chat.js calls this once Web Chat shows the conversation: the shell goes, what was typed moves into Web Chat's
   * send box, and the focus follows when it was in the shell.
   */
  function handOver(target) {
    if (!elements.shell || !elements.shell.parentNode) return;
    var hadFocus = document.activeElement === elements.input;
    var draft = elements.input ? elements.input.value : '';
    elements.chat.classList.remove('sb-webchat--loading');
    elements.shell.remove();
    if (draft) target.setDraft(draft);
    if (hadFocus) target.focus();
  }

  function focusInput() {
    if (chat) chat.focus();
    else if (elements.input) elements.input.focus();
  }

  // ---------------------------------------------------------------- status line

  function showStatus(text, isError) {
    if (!elements.status) return;
    elements.status.textContent = text;
    elements.status.hidden = false;
    elements.status.classList.toggle('sb-status--error', !!isError);
  }

  function hideStatus() {
    if (elements.status) elements.status.hidden = true;
  }

  // ---------------------------------------------------------------- the widget's panel

  function tellParent(message) {
    if (!parentOrigin) return;
    message.source = 'statusbot-embed';
    window.parent.postMessage(message, parentOrigin);
  }

  function emit(name, data) {
    if (handlers[name]) handlers[name](data);
  }

  function onParentMessage(event) {
    if (!parentOrigin || event.source !== window.parent || event.origin !== parentOrigin) return;
    var data = event.data;
    if (!data || data.source !== 'statusbot-widget') return;
    if (data.type === 'start') start();
    else if (data.type === 'prepare') prepare();
    else if (data.type === 'focus') {
      start();
      focusInput();
    } else if (data.type === 'send') {
      start();
      if (chat) chat.send(data.text);
      else if (typeof data.text === 'string' && data.text.trim()) queued.push(data.text.slice(0, 10000));
    } else if (data.type === 'modal') modal = !!data.on;
    else emit(data.type, data);
  }

  /** Escape, anywhere in the panel: close it (before Web Chat uses the key to move the focus inside the panel). */
  function onKeyDown(event) {
    if (event.key === 'Escape' && !event.isComposing) {
      event.preventDefault();
      event.stopPropagation();
      if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
      tellParent({ type: 'close' });
    } else if (event.key === 'Tab' && modal) {
      keepFocusInside(event);
    }
  }

  /** The full-screen panel is modal: Tab from its last control goes to its first, Shift+Tab the other way. */
  function keepFocusInside(event) {
    var all = document.querySelectorAll(
      'a[href], button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])',
    );
    var focusable = Array.prototype.filter.call(all, function (el) {
      return el.getClientRects().length > 0 && !el.closest('[hidden], [inert], [aria-hidden="true"]');
    });
    if (!focusable.length) return;
    var first = focusable[0];
    var last = focusable[focusable.length - 1];
    var active = document.activeElement;
    if (event.shiftKey && (active === first || active === document.body)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || active === document.body)) {
      event.preventDefault();
      first.focus();
    }
  }

  function wirePanel() {
    if (elements.close) {
      elements.close.hidden = !parentOrigin;
      elements.close.addEventListener('click', function () {
        tellParent({ type: 'close' });
      });
    }
    if (!embedded) return;
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('message', onParentMessage);
  }

  function wireReset() {
    if (!elements.reset) return;
    elements.reset.addEventListener('click', function () {
      if (chat) {
        chat.reset();
        return;
      }
      // Before Web Chat is there: the conversation it connects to will be a new one.
      clearSession();
      if (started) firstSession = openSession(true);
    });
  }

  // ---------------------------------------------------------------- start

  applyChrome();
  if (themeQuery && settings.theme === 'auto') themeQuery.addEventListener('change', applyChrome);
  wirePanel();

  var refused = document.querySelector('[data-refused]');
  if (refused) {
    // This site may not embed the chat (ALLOWED_ORIGINS): the page says so; the launcher tells the site's console.
    if (elements.reset) elements.reset.hidden = true;
    tellParent({ type: 'refused', origin: refused.getAttribute('data-refused'), setting: 'ALLOWED_ORIGINS' });
    return;
  }

  wireShell();
  wireReset();
  // A panel made ahead of time waits to be opened; meanwhile it downloads the bundle into the HTTP cache.
  if (!(embedded && params.get('warm') === '1')) start();
  else prefetch();
  if (!embedded) focusInput();
  tellParent({ type: 'loaded' });

  window.StatusBotShell = {
    settings: settings,
    nonce: nonce,
    embedded: embedded,
    readable: readable,
    effectiveTheme: effectiveTheme,
    tellParent: tellParent,
    showStatus: showStatus,
    hideStatus: hideStatus,
    saveSession: saveSession,
    clearSession: clearSession,
    randomId: randomId,
    /** The first conversation (asked for as the page loaded), then fresh ones. */
    session: function (fresh) {
      if (fresh) return openSession(true);
      var first = firstSession || openSession(false);
      firstSession = null;
      return first;
    },
    /** chat.js connects once the chat is started (a panel made ahead of time waits for the visitor). */
    whenStarted: function (fn) {
      if (started) fn();
      else whenStarted.push(fn);
    },
    /** chat.js: takes what was sent so far and every later send, focus request and message from the launcher. */
    attach: function (api) {
      chat = api;
      while (queued.length) api.send(queued.shift());
    },
    on: function (name, fn) {
      handlers[name] = fn;
    },
    handOver: handOver,
    get modal() {
      return modal;
    },
  };
})();
