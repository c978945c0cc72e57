/*
 * StatusBot's chat page: the official Web Chat (public/vendor/webchat.js) connected to the bot's own Direct Line
 * endpoint. Serves both the full page (/) and the chrome-less panel the widget frames (/embed, <html data-embed>).
 *
 * What it adds to Web Chat: a token from POST /api/directline/token, the `webchat/join` event on the first connect so
 * the bot greets first, the conversation kept for the browser session (sessionStorage: reload reconnects to the same
 * conversation and replays it, without a second greeting), a "New conversation" reset, branding through styleOptions
 * only (light/dark), and, inside the widget, a postMessage bridge to the launcher on the host page.
 *
 * No inline script or style anywhere: Web Chat gets this script's CSP nonce for the <style> elements it injects.
 */
/* global window, document, location, navigator, sessionStorage, fetch, URL, URLSearchParams, setInterval */
(function () {
  'use strict';

  var SESSION_KEY = 'statusbot.chat.v1';
  var SEND_BOX = '[data-id="webchat-sendbox-input"]';
  /** Web Chat's connection states (botframework-directlinejs ConnectionStatus). */
  var ONLINE = 2;
  var EXPIRED_TOKEN = 3;
  var FAILED_TO_CONNECT = 4;

  var script = document.currentScript;
  var nonce = (script && script.nonce) || '';
  var root = document.documentElement;
  var embedded = root.hasAttribute('data-embed');
  var params = new URLSearchParams(location.search);

  var settings = readSettings();
  var parentOrigin = embedded ? findParentOrigin() : null;
  var elements = {
    chat: document.getElementById('sb-webchat'),
    status: document.getElementById('sb-status'),
    reset: document.getElementById('sb-new'),
    close: document.getElementById('sb-close'),
    title: document.getElementById('sb-title'),
    support: document.getElementById('sb-support'),
  };

  var PALETTES = {
    light: { page: '#f4f6f8', transcript: '#f7f8fa', surface: '#ffffff', bubble: '#ffffff', raised: '#eef1f5', border: '#dfe3e8', text: '#1c2330', muted: '#566070' },
    dark: { page: '#0b0e12', transcript: '#13171d', surface: '#171b22', bubble: '#20262f', raised: '#2a313c', border: '#323a47', text: '#e6e9ef', muted: '#a3abb9' },
  };
  /** Colours of text in answer cards, readable (4.5:1) on the bubble and on emphasis panels, per theme. */
  var CARD_COLOURS = {
    light: { attention: '#b42318', good: '#0b6a2e', warning: '#8f4700', dark: '#000000', light: '#ffffff' },
    dark: { attention: '#ff9a8c', good: '#74d99a', warning: '#ffb65c', dark: '#e6e9ef', light: '#ffffff' },
  };

  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  /** A turn slower than this shows the typing indicator; quicker answers appear without one. */
  var SLOW_TURN_MS = 700;

  var current = null; // { directLine, store, session }
  var pendingSends = [];
  var themeQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  // ---------------------------------------------------------------- settings

  /** Page settings: <html data-*> for the full page, query parameters for /embed (set by widget.js). */
  function readSettings() {
    var get = function (name) {
      var fromQuery = params.get(name);
      return fromQuery !== null ? fromQuery : root.getAttribute('data-' + name);
    };
    var theme = get('theme');
    var locale = get('locale') || navigator.language || 'en-US';
    return {
      title: clip(get('title') || 'StatusBot', 40),
      accent: validColor(get('accent')) || '#0f7b5f',
      theme: theme === 'light' || theme === 'dark' ? theme : 'auto',
      locale: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale) ? locale : 'en-US',
      persist: get('persist') !== 'false' && get('persist') !== '0',
      supportUrl: safeUrl(get('support-url')),
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

  // ---------------------------------------------------------------- colours

  function rgb(hex) {
    var h = hex.slice(1);
    if (h.length === 3) h = h[0] + h[0] + h[1] + h[1] + h[2] + h[2];
    return [0, 2, 4].map(function (i) {
      return parseInt(h.slice(i, i + 2), 16);
    });
  }

  function hex(c) {
    return '#' + c.map(function (v) {
      return Math.round(v).toString(16).padStart(2, '0');
    }).join('');
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
    return hex(c);
  }

  /** A phone-sized chat (the full page on a phone, or the widget's panel, which is at most 400 px wide). */
  function narrow() {
    return window.matchMedia ? window.matchMedia('(max-width: 479px)').matches : window.innerWidth < 480;
  }

  function effectiveTheme() {
    if (settings.theme !== 'auto') return settings.theme;
    return themeQuery && themeQuery.matches ? 'dark' : 'light';
  }


  /** Web Chat's look, through styleOptions only (upgrade-safe): no reliance on its generated class names. */
  function styleOptions(theme) {
    var p = PALETTES[theme];
    // Measured against the bubbles, the lighter background in the dark theme (so it holds on the transcript too).
    var accent = readable(settings.accent, p.bubble);
    var onAccent = '#ffffff';
    var fill = readable(settings.accent, '#ffffff');
    return {
      accent: accent,
      primaryFont: FONT,
      monospaceFont: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSizeSmall: '75%',
      backgroundColor: p.transcript,
      subtle: p.muted,
      paddingRegular: 12,
      paddingWide: 16,
      transitionDuration: '0.15s',

      avatarSize: 32,
      avatarBorderRadius: '50%',
      botAvatarImage: '/assets/statusbot-avatar.svg',
      botAvatarInitials: '',
      userAvatarInitials: '',
      showAvatarInGroup: 'sender',

      bubbleBackground: p.bubble,
      bubbleBorderColor: p.border,
      bubbleBorderRadius: 14,
      bubbleBorderWidth: 1,
      bubbleTextColor: p.text,
      bubbleNubSize: 0,
      bubbleFromUserBackground: fill,
      bubbleFromUserBorderColor: fill,
      bubbleFromUserBorderRadius: 14,
      bubbleFromUserTextColor: onAccent,
      bubbleFromUserNubSize: 0,
      bubbleMaxWidth: 560,
      bubbleMinWidth: 120,
      messageActivityWordBreak: 'break-word',

      cardEmphasisBackgroundColor: p.raised,
      cardPushButtonBackgroundColor: fill,
      cardPushButtonTextColor: onAccent,
      richCardWrapTitle: true,
      adaptiveCardsParserMaxVersion: '1.5',

      suggestedActionLayout: 'flow',
      suggestedActionBackgroundColor: p.bubble,
      suggestedActionBorderColor: accent,
      suggestedActionBorderRadius: 18,
      suggestedActionBorderWidth: 1,
      suggestedActionTextColor: accent,
      suggestedActionHeight: 34,
      suggestedActionBackgroundColorOnHover: theme === 'dark' ? p.raised : '#eef6f3',
      suggestedActionKeyboardFocusIndicatorBorderColor: accent,

      sendBoxBackground: p.surface,
      sendBoxTextColor: p.text,
      sendBoxPlaceholderColor: p.muted,
      sendBoxButtonColor: p.muted,
      sendBoxButtonColorOnHover: accent,
      sendBoxButtonColorOnFocus: accent,
      sendBoxButtonShadeColorOnHover: 'transparent',
      sendBoxBorderTop: 'solid 1px ' + p.border,
      sendBoxHeight: 56,
      sendBoxTextWrap: true,
      sendBoxMaxHeight: 168,
      hideUploadButton: true,
      disableFileUpload: true,

      transcriptVisualKeyboardIndicatorColor: accent,
      transcriptActivityVisualKeyboardIndicatorColor: accent,
      transcriptOverlayButtonBackground: fill,
      transcriptOverlayButtonColor: onAccent,
      transcriptOverlayButtonBackgroundOnHover: fill,
      transcriptOverlayButtonColorOnHover: onAccent,

      timestampColor: p.muted,
      groupTimestamp: 300000,
      scrollToEndButtonBehavior: 'unread',
      // An answer card is often taller than the chat: stop following once the new turn fills the view, so the
      // visitor reads the answer from its headline instead of landing on its last buttons.
      autoScrollSnapOnPage: true,
      autoScrollSnapOnPageOffset: 0,
      typingAnimationBackgroundImage: null,

      // Our answers never need raw HTML; a message can never inject markup.
      markdownRenderHTML: false,
      // Pasted access logs are long (the bot reads up to 10,000 characters).
      maxMessageLength: 10000,
      rootHeight: '100%',
      rootWidth: '100%',
    };
  }

  /**
   * Adaptive Cards' host config: Web Chat's own default (derived from styleOptions), with colours that stay readable
   * in both themes; Web Chat's default paints emphasis panels' text black, which vanishes on a dark bubble.
   */
  function hostConfig(theme) {
    var p = PALETTES[theme];
    var c = CARD_COLOURS[theme];
    var accent = readable(settings.accent, p.bubble);
    var colours = function (text, subtle) {
      var pair = function (colour) {
        return { default: colour, subtle: colour };
      };
      return {
        default: { default: text, subtle: subtle },
        accent: pair(accent),
        attention: pair(c.attention),
        good: pair(c.good),
        warning: pair(c.warning),
        dark: { default: c.dark, subtle: subtle },
        light: pair(c.light),
      };
    };
    var panel = function (background) {
      return { backgroundColor: background, foregroundColors: colours(p.text, p.muted) };
    };
    return {
      supportsInteractivity: true,
      fontFamily: FONT,
      fontSizes: { small: 12, default: 14, medium: 16, large: 19, extraLarge: 22 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
      spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 28, padding: 16 },
      separator: { lineThickness: 1, lineColor: p.border },
      imageSizes: { small: 40, medium: 80, large: 160 },
      containerStyles: {
        default: { foregroundColors: colours(p.text, p.muted) },
        emphasis: panel(p.raised),
        accent: panel(p.raised),
        good: panel(p.raised),
        attention: panel(p.raised),
        warning: panel(p.raised),
      },
      actions: { actionAlignment: 'stretch', actionsOrientation: 'vertical', buttonSpacing: 8, maxActions: 100, showCard: { actionMode: 'inline', inlineTopMargin: 8 }, spacing: 'default' },
      adaptiveCard: { allowCustomStyle: false },
      imageSet: { imageSize: 'medium', maxImageHeight: 100 },
      factSet: { title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 }, value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true }, spacing: 8 },
      textBlock: { headingLevel: 2 },
    };
  }

  function applyChrome() {
    var theme = effectiveTheme();
    var palette = PALETTES[theme];
    root.setAttribute('data-theme', theme);
    // Filled surfaces (header, buttons, the visitor's bubbles) keep the brand colour with white text in both themes;
    // accent-coloured text is lightened on dark backgrounds.
    root.style.setProperty('--sb-accent', readable(settings.accent, '#ffffff'));
    root.style.setProperty('--sb-accent-text', readable(settings.accent, palette.bubble));
    root.style.setProperty('--sb-on-accent', '#ffffff');
    if (elements.title) elements.title.textContent = settings.title;
    if (embedded) document.title = settings.title + ' chat';
    if (elements.support && settings.supportUrl) {
      elements.support.href = settings.supportUrl;
      elements.support.parentElement.hidden = false;
    }
  }

  // ---------------------------------------------------------------- session

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
    var res = await fetch('/api/directline/token', { method: 'POST', headers: { accept: 'application/json' }, credentials: 'same-origin' });
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
      var res = await fetch(session.domain + '/tokens/refresh', { method: 'POST', headers: { authorization: 'Bearer ' + session.token } });
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
    return Array.prototype.map.call(bytes, function (b) {
      return b.toString(16).padStart(2, '0');
    }).join('');
  }

  // ---------------------------------------------------------------- Web Chat

  async function start(saved) {
    showStatus('Connecting…');
    var session = null;
    var resumed = false;
    try {
      if (saved) {
        session = await resume(saved);
        resumed = !!session;
        if (!session) clearSession();
      }
      if (!session) session = await newConversation();
    } catch (err) {
      showStatus(err.message + ' Check your connection and try again.', true);
      return;
    }
    saveSession(session);
    connect(session, resumed);
  }

  function connect(session, resumed) {
    if (current) current.directLine.end();
    var directLine = window.WebChat.createDirectLine({
      domain: session.domain,
      token: session.token,
      conversationId: resumed ? session.conversationId : undefined,
      webSocket: true,
    });
    var store = window.WebChat.createStore({}, middleware(session));
    current = { directLine: directLine, store: store, session: session };

    var everOnline = false;
    directLine.connectionStatus$.subscribe(function (status) {
      if (status === ONLINE) {
        everOnline = true;
        hideStatus();
      } else if (!everOnline && resumed && (status === EXPIRED_TOKEN || status === FAILED_TO_CONNECT) && current && current.directLine === directLine) {
        // The stored conversation is gone (server restarted, state expired): start a fresh one.
        clearSession();
        start(null);
      } else if (status === FAILED_TO_CONNECT && current && current.directLine === directLine) {
        showStatus('Lost the connection to StatusBot. Reload the page to reconnect.', true);
      }
    });
    render();
  }

  /**
   * Store middleware: greets once per conversation, shows the typing indicator when a turn is slow, trims suggested
   * actions, and reports new bot messages to the launcher (replayed history after a reload is not news).
   */
  function middleware(session) {
    return function (api) {
      var slowTurn = null;
      var joinSent = false;
      var botAccount = { id: 'statusbot', name: 'StatusBot', role: 'bot' };
      var settle = function () {
        window.clearTimeout(slowTurn);
        slowTurn = null;
      };
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
            // Greet once per conversation: the join counts once the server has taken it (a reload before that
            // sends it again, so the visitor is never left without a greeting).
            if (!session.joined && !joinSent) {
              joinSent = true;
              api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { language: settings.locale } } });
            }
            flushSends(api.dispatch);
            tellParent({ type: 'ready', conversationId: session.conversationId });
          } else if (action.type === 'DIRECT_LINE/POST_ACTIVITY' && isUserTurn(action.payload && action.payload.activity)) {
            // Answers normally arrive within a few hundred milliseconds, without a typing indicator; if one does not,
            // show Web Chat's own indicator as if the bot had said it is typing (it clears when the answer arrives).
            settle();
            slowTurn = window.setTimeout(function () {
              slowTurn = null;
              next({ type: 'DIRECT_LINE/INCOMING_ACTIVITY', payload: { activity: { type: 'typing', id: 'typing-' + randomId(), from: botAccount, timestamp: new Date().toISOString() } } });
            }, SLOW_TURN_MS);
          } else if (action.type === 'DIRECT_LINE/POST_ACTIVITY_FULFILLED' && isJoin(action.payload && action.payload.activity)) {
            session.joined = true;
            saveSession(session);
          } else if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            var from = action.payload.activity.from;
            if (from && from.role === 'bot' && action.payload.activity.type === 'message') {
              botAccount = { id: from.id, name: from.name, role: 'bot' };
              settle();
            }
            action = tidyIncoming(action, session);
          }
          return next(action);
        };
      };
    };
  }

  function isJoin(activity) {
    return !!activity && activity.type === 'event' && activity.name === 'webchat/join';
  }

  /** A message or a card click (Web Chat posts Action.Submit as a message with a value) that the bot answers. */
  function isUserTurn(activity) {
    return !!activity && activity.type === 'message';
  }

  function tidyIncoming(action, session) {
    var activity = action.payload.activity;
    var fromBot = activity.from && activity.from.role === 'bot';
    if (!fromBot) return action;
    var changed = Object.assign({}, activity);
    // Web Chat lays suggested actions out in one row; more than three crowd a phone screen.
    if (changed.suggestedActions && changed.suggestedActions.actions && changed.suggestedActions.actions.length > 3) {
      changed.suggestedActions = Object.assign({}, changed.suggestedActions, { actions: changed.suggestedActions.actions.slice(0, 3) });
    }
    // An answer is a card plus the same answer as Markdown for channels without cards: show the card once.
    var hasCard = (changed.attachments || []).some(function (a) {
      return a && a.contentType === 'application/vnd.microsoft.card.adaptive';
    });
    var text = changed.text || '';
    if (hasCard && text) delete changed.text;

    if (activity.type === 'message' && activity.timestamp && (!session.seen || activity.timestamp > session.seen)) {
      session.seen = activity.timestamp;
      saveSession(session);
      tellParent({ type: 'message', message: { id: activity.id, text: text, timestamp: activity.timestamp } });
    }
    return Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: changed }) });
  }

  function render() {
    if (!current) return;
    var theme = effectiveTheme();
    window.WebChat.renderWebChat(
      {
        directLine: current.directLine,
        store: current.store,
        userID: current.session.userId,
        username: 'You',
        locale: settings.locale,
        nonce: nonce || undefined,
        styleOptions: styleOptions(theme),
        adaptiveCardsHostConfig: hostConfig(theme),
        sendTypingIndicator: false,
        overrideLocalizedStrings: {
          TEXT_INPUT_PLACEHOLDER: narrow() ? 'Ask about a status code…' : 'Ask about a status code, or paste an error or a log…',
        },
      },
      elements.chat,
    );
  }

  function send(text) {
    if (typeof text !== 'string' || !text.trim()) return;
    pendingSends.push(text.slice(0, 10000));
    if (current && current.directLine && current.online) flushSends(current.store.dispatch);
  }

  function flushSends(dispatch) {
    if (current) current.online = true;
    while (pendingSends.length) dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: pendingSends.shift() } });
  }

  function focusSendBox() {
    var input = document.querySelector(SEND_BOX);
    if (input) {
      input.focus();
      return true;
    }
    return false;
  }

  /** Focus the send box as soon as Web Chat has rendered it (it mounts asynchronously). */
  function focusSendBoxSoon() {
    if (focusSendBox()) return;
    var tries = 0;
    var timer = setInterval(function () {
      if (focusSendBox() || ++tries > 50) window.clearInterval(timer);
    }, 100);
  }

  function resetConversation() {
    clearSession();
    elements.chat.setAttribute('aria-busy', 'true');
    start(null).then(function () {
      elements.chat.removeAttribute('aria-busy');
      focusSendBoxSoon();
    });
  }

  // ---------------------------------------------------------------- page controls

  function wireControls() {
    if (elements.reset) elements.reset.addEventListener('click', resetConversation);
    if (elements.close) {
      elements.close.hidden = !parentOrigin;
      elements.close.addEventListener('click', function () {
        tellParent({ type: 'close' });
      });
    }
    if (themeQuery && settings.theme === 'auto') {
      themeQuery.addEventListener('change', function () {
        applyChrome();
        render();
      });
    }
    if (window.matchMedia) window.matchMedia('(max-width: 479px)').addEventListener('change', render);
    // Keep the latest token (Direct Line refreshes it while connected) for the next reload.
    var keepToken = function () {
      if (current && current.directLine.token && current.directLine.token !== current.session.token) {
        current.session.token = current.directLine.token;
        saveSession(current.session);
      }
    };
    document.addEventListener('visibilitychange', keepToken);
    window.addEventListener('pagehide', keepToken);
    setInterval(keepToken, 60000);

    if (embedded) {
      document.addEventListener('keydown', function (event) {
        // Escape closes the panel, unless Web Chat used it (e.g. to leave the transcript for the send box).
        if (event.key === 'Escape' && !event.defaultPrevented) tellParent({ type: 'close' });
      });
      window.addEventListener('message', onParentMessage);
    } else {
      focusSendBoxSoon();
    }
  }

  function onParentMessage(event) {
    if (!parentOrigin || event.source !== window.parent || event.origin !== parentOrigin) return;
    var data = event.data;
    if (!data || data.source !== 'statusbot-widget') return;
    if (data.type === 'focus') focusSendBoxSoon();
    else if (data.type === 'send') send(data.text);
    else if (data.type === 'reset') resetConversation();
  }

  function tellParent(message) {
    if (!parentOrigin) return;
    message.source = 'statusbot-embed';
    window.parent.postMessage(message, parentOrigin);
  }

  function showStatus(text, isError) {
    if (!elements.status) return;
    elements.status.textContent = text;
    elements.status.hidden = false;
    elements.status.classList.toggle('sb-status--error', !!isError);
  }

  function hideStatus() {
    if (elements.status) elements.status.hidden = true;
  }

  // ---------------------------------------------------------------- start

  applyChrome();
  if (!window.WebChat) {
    showStatus('The chat could not load (Web Chat did not load from /vendor/webchat.js). Reload the page to try again.', true);
    return;
  }
  start(loadSession());
  wireControls();
  tellParent({ type: 'loaded' });

  // Test and host-page hooks (the widget uses postMessage; these are for the full page and for debugging).
  window.StatusBotChat = {
    send: send,
    reset: resetConversation,
    focus: focusSendBoxSoon,
    get conversationId() {
      return current ? current.session.conversationId : null;
    },
  };
})();
