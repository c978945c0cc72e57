/*
 * StatusBot's chat: the official Web Chat (public/vendor/webchat.js) connected to the bot's own Direct Line endpoint,
 * for the full page (/) and the chrome-less panel the widget frames (/embed). shell.js (window.StatusBotShell) has
 * already drawn the page, applied the settings, asked for the token and wired the panel's controls; this script runs
 * once the bundle has, renders Web Chat behind the shell and hands over to it when the transcript is there.
 *
 * What it adds to Web Chat: the `webchat/join` event on the first connect so the bot greets first, the conversation
 * kept for the browser session (sessionStorage: reload reconnects to the same conversation and replays it, without a
 * second greeting), a "New conversation" reset, branding through styleOptions only (light/dark), and, inside the
 * widget, answers reported to the launcher and the first unread one scrolled into view when the panel reopens; a
 * pasted log is folded to a few monospace lines.
 */
/* global window, document, setInterval, requestAnimationFrame, URL */
(function () {
  'use strict';

  var SEND_BOX = '[data-id="webchat-sendbox-input"]';
  /** Web Chat's connection states (botframework-directlinejs ConnectionStatus). */
  var ONLINE = 2;
  var EXPIRED_TOKEN = 3;
  var FAILED_TO_CONNECT = 4;
  /** How long after connecting Web Chat may take to draw the conversation before the shell goes anyway. */
  var HANDOVER_LATEST_MS = 3000;

  var shell = window.StatusBotShell;
  if (!shell) return; // loaded without the shell (shell.js): there is no page to attach to
  var settings = shell.settings;
  var elements = { chat: document.getElementById('sb-webchat') };
  var themeQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  var PALETTES = {
    light: {
      page: '#f4f6f8',
      transcript: '#f7f8fa',
      surface: '#ffffff',
      bubble: '#ffffff',
      raised: '#eef1f5',
      border: '#dfe3e8',
      text: '#1c2330',
      muted: '#566070',
    },
    dark: {
      page: '#0b0e12',
      transcript: '#13171d',
      surface: '#171b22',
      bubble: '#20262f',
      raised: '#2a313c',
      border: '#323a47',
      text: '#e6e9ef',
      muted: '#a3abb9',
    },
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
  var handedOver = false;
  /** While the panel is closed: how many activities the transcript showed when it closed (reopening shows the next). */
  var shownWhenHidden = null;

  // ---------------------------------------------------------------- look

  /** A phone-sized chat (the full page on a phone, or the widget's panel, which is at most 400 px wide). */
  function narrow() {
    return window.matchMedia ? window.matchMedia('(max-width: 479px)').matches : window.innerWidth < 480;
  }

  /** Web Chat's look, through styleOptions only (upgrade-safe): no reliance on its generated class names. */
  function styleOptions(theme) {
    var p = PALETTES[theme];
    // Measured against the bubbles, the lighter background in the dark theme (so it holds on the transcript too).
    var accent = shell.readable(settings.accent, p.bubble);
    var onAccent = '#ffffff';
    var fill = shell.readable(settings.accent, '#ffffff');
    var touch = narrow();
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
      // On a phone the header shows who answers: no avatar, and no room kept for one or for a nub (Web Chat keeps it
      // while either is set, even to '' or 0), a seventh of the width a card needs.
      botAvatarImage: touch ? undefined : '/assets/statusbot-avatar.svg',
      botAvatarInitials: touch ? undefined : '',
      userAvatarInitials: '',
      showAvatarInGroup: 'sender',

      bubbleBackground: p.bubble,
      bubbleBorderColor: p.border,
      bubbleBorderRadius: 14,
      bubbleBorderWidth: 1,
      bubbleTextColor: p.text,
      bubbleNubSize: touch ? undefined : 0,
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

      // Suggestions on one row that scrolls sideways: they never take rows of a phone's screen.
      suggestedActionLayout: 'carousel',
      suggestedActionBackgroundColor: p.bubble,
      suggestedActionBorderColor: accent,
      suggestedActionBorderRadius: 18,
      suggestedActionBorderWidth: 1,
      suggestedActionTextColor: accent,
      // 44 px touch targets on phones.
      suggestedActionHeight: touch ? 44 : 36,
      suggestedActionsCarouselFlipperBoxWidth: touch ? 44 : 40,
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
    var touch = narrow();
    var c = CARD_COLOURS[theme];
    var accent = shell.readable(settings.accent, p.bubble);
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
      // A phone's scale is a step smaller where it costs lines: titles that fit one line, a narrower card edge.
      fontSizes: { small: 12, default: 14, medium: 16, large: touch ? 17 : 19, extraLarge: 22 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
      spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 28, padding: touch ? 12 : 16 },
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
      actions: {
        actionAlignment: 'stretch',
        actionsOrientation: 'vertical',
        buttonSpacing: 8,
        maxActions: 100,
        showCard: { actionMode: 'inline', inlineTopMargin: 8 },
        spacing: 'default',
      },
      adaptiveCard: { allowCustomStyle: false },
      imageSet: { imageSize: 'medium', maxImageHeight: 100 },
      factSet: {
        title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
        value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
        spacing: 8,
      },
      textBlock: { headingLevel: 2 },
    };
  }

  // ---------------------------------------------------------------- Web Chat

  /** Connects to the conversation the shell opened (the first), or to a fresh one. */
  async function start(fresh) {
    var opened;
    try {
      opened = await shell.session(fresh);
    } catch (err) {
      // The shell stays (its greeting and what was typed), with the reason.
      shell.showStatus(err.message + ' Check your connection and try again.', true);
      return;
    }
    connect(opened.session, opened.resumed);
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
        shell.hideStatus();
        handOverSoon(HANDOVER_LATEST_MS);
      } else if (
        !everOnline &&
        resumed &&
        (status === EXPIRED_TOKEN || status === FAILED_TO_CONNECT) &&
        current &&
        current.directLine === directLine
      ) {
        // The stored conversation is gone (server restarted, state expired): start a fresh one.
        shell.clearSession();
        start(true);
      } else if (status === FAILED_TO_CONNECT && current && current.directLine === directLine) {
        shell.showStatus('Lost the connection to StatusBot. Reload the page to reconnect.', true);
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
          if (action.type === 'WEB_CHAT/SEND_POST_BACK') {
            // A card button that asks something (a code, an example) is sent as that question, so the visitor sees
            // it in the transcript as their own message, as when they type it.
            var question = questionOf(action.payload && action.payload.value);
            if (question) action = { type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: question } };
          }
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
            // Greet once per conversation: the join counts once the server has taken it (a reload before that
            // sends it again, so the visitor is never left without a greeting).
            if (!session.joined && !joinSent) {
              joinSent = true;
              api.dispatch({
                type: 'WEB_CHAT/SEND_EVENT',
                payload: { name: 'webchat/join', value: { language: settings.locale } },
              });
            }
            flushSends(api.dispatch);
            shell.tellParent({ type: 'ready', conversationId: session.conversationId });
          } else if (
            action.type === 'DIRECT_LINE/POST_ACTIVITY' &&
            isUserTurn(action.payload && action.payload.activity)
          ) {
            // Answers normally arrive within a few hundred milliseconds, without a typing indicator; if one does not,
            // show Web Chat's own indicator as if the bot had said it is typing (it clears when the answer arrives).
            settle();
            slowTurn = window.setTimeout(function () {
              slowTurn = null;
              next({
                type: 'DIRECT_LINE/INCOMING_ACTIVITY',
                payload: {
                  activity: {
                    type: 'typing',
                    id: 'typing-' + shell.randomId(),
                    from: botAccount,
                    timestamp: new Date().toISOString(),
                  },
                },
              });
            }, SLOW_TURN_MS);
          } else if (
            action.type === 'DIRECT_LINE/POST_ACTIVITY_FULFILLED' &&
            isJoin(action.payload && action.payload.activity)
          ) {
            session.joined = true;
            shell.saveSession(session);
          } else if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            var from = action.payload.activity.from;
            if (from && from.role === 'bot' && action.payload.activity.type === 'message') {
              botAccount = { id: from.id, name: from.name, role: 'bot' };
              settle();
              // The greeting (or the replayed conversation) is arriving: show Web Chat once it has drawn it.
              handOverSoon(0);
            }
            action = tidyIncoming(action, session);
          }
          return next(action);
        };
      };
    };
  }

  /** The question a card button's data asks ("what is 504"), or null for anything else (a vote, "none of these"). */
  function questionOf(value) {
    if (!value || typeof value !== 'object') return null;
    if (value.action === 'ask' && typeof value.text === 'string') return value.text;
    if (value.action === 'lookup' && value.msteams && typeof value.msteams.text === 'string') return value.msteams.text;
    return null;
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
      changed.suggestedActions = Object.assign({}, changed.suggestedActions, {
        actions: changed.suggestedActions.actions.slice(0, 3),
      });
    }
    // An answer is a card plus the same answer as Markdown for channels without cards: show the card once.
    var hasCard = (changed.attachments || []).some(function (a) {
      return a && a.contentType === 'application/vnd.microsoft.card.adaptive';
    });
    var text = changed.text || '';
    if (hasCard && text) delete changed.text;

    if (activity.type === 'message' && activity.timestamp && (!session.seen || activity.timestamp > session.seen)) {
      session.seen = activity.timestamp;
      shell.saveSession(session);
      shell.tellParent({ type: 'message', message: { id: activity.id, text: text, timestamp: activity.timestamp } });
    }
    return Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: changed }) });
  }

  function render() {
    if (!current) return;
    var theme = shell.effectiveTheme();
    window.WebChat.renderWebChat(
      {
        directLine: current.directLine,
        store: current.store,
        userID: current.session.userId,
        username: 'You',
        locale: settings.locale,
        nonce: shell.nonce || undefined,
        styleOptions: styleOptions(theme),
        adaptiveCardsHostConfig: hostConfig(theme),
        cardActionMiddleware: absoluteLinks,
        sendTypingIndicator: false,
        overrideLocalizedStrings: {
          TEXT_INPUT_PLACEHOLDER: narrow()
            ? 'Ask about a status code…'
            : 'Ask about a status code, or paste an error or a log…',
        },
      },
      elements.chat,
    );
  }

  /**
   * A card's "Open page" links to the code's page relative to the bot (`/codes/502`) when PUBLIC_URL is not set; Web
   * Chat opens only absolute links, so it gets the address on this page's origin, which is the bot's.
   */
  function absoluteLinks() {
    return function (next) {
      return function (options) {
        var action = options.cardAction;
        if (action && action.type === 'openUrl' && typeof action.value === 'string' && /^\/(?!\/)/.test(action.value)) {
          return next(
            Object.assign({}, options, {
              cardAction: Object.assign({}, action, { value: new URL(action.value, window.location.origin).href }),
            }),
          );
        }
        return next(options);
      };
    };
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

  function setDraft(text) {
    if (current) current.store.dispatch({ type: 'WEB_CHAT/SET_SEND_BOX', payload: { text: text } });
  }

  /** Web Chat takes the shell's place, after drawing what it has (two frames), or now if it never does. */
  function handOverSoon(delay) {
    if (handedOver) return;
    window.setTimeout(function () {
      requestAnimationFrame(function () {
        requestAnimationFrame(handOver);
      });
    }, delay);
  }

  function handOver() {
    if (handedOver) return;
    handedOver = true;
    shell.handOver({ focus: focusSendBoxSoon, setDraft: setDraft });
  }

  function resetConversation() {
    shell.clearSession();
    elements.chat.setAttribute('aria-busy', 'true');
    start(true).then(function () {
      elements.chat.removeAttribute('aria-busy');
      focusSendBoxSoon();
    });
  }

  /** The transcript's activities as Web Chat draws them (one <article> each). */
  function drawnActivities() {
    var feed = elements.chat.querySelector('[role="feed"]');
    return feed ? feed.children : [];
  }

  /** The panel reopens: the first activity that arrived while it was closed is brought to the top of the view. */
  function showFirstUnread() {
    var from = shownWhenHidden;
    shownWhenHidden = null;
    if (from === null) return;
    var first = drawnActivities()[from];
    if (first) first.scrollIntoView({ block: 'start' });
  }

  // ---------------------------------------------------------------- pasted text

  /** A message of at least this many lines is a paste (a log, a curl trace): shown folded, in monospace. */
  var PASTE_LINES = 4;

  /**
   * Folds the visitor's pasted logs in the transcript to a few monospace lines with a "Show all N lines" button, so a
   * paste does not push the answer off the screen. Web Chat draws a plain user message as one <p> per line; only
   * attributes and one button are added to what it drew, never anything it would redraw.
   */
  function foldPastes() {
    var bubbles = elements.chat.querySelectorAll(
      '.webchat__bubble--from-user .webchat__bubble__content:not([data-sb-paste])',
    );
    Array.prototype.forEach.call(bubbles, function (content) {
      var lines = content.querySelectorAll('.webchat__text-content').length;
      if (lines < PASTE_LINES) return;
      content.setAttribute('data-sb-paste', 'folded');
      var toggle = document.createElement('button');
      toggle.type = 'button';
      toggle.className = 'sb-paste-toggle';
      toggle.setAttribute('aria-expanded', 'false');
      toggle.textContent = 'Show all ' + lines + ' lines';
      toggle.addEventListener('click', function () {
        var open = content.getAttribute('data-sb-paste') === 'folded';
        content.setAttribute('data-sb-paste', open ? 'open' : 'folded');
        toggle.setAttribute('aria-expanded', String(open));
        toggle.textContent = open ? 'Show less' : 'Show all ' + lines + ' lines';
      });
      content.appendChild(toggle);
    });
  }

  function watchPastes() {
    new window.MutationObserver(foldPastes).observe(elements.chat, { childList: true, subtree: true });
  }

  // ---------------------------------------------------------------- "Show more" keeps focus

  /**
   * A card's "Show more" hides itself as it opens the details, which would drop keyboard focus to the page: focus
   * moves to what it opened instead ("Show less" gives it back to "Show more").
   */
  function keepFocusOnToggles() {
    elements.chat.addEventListener(
      'click',
      function (event) {
        var button = event.target.closest ? event.target.closest('.ac-pushButton') : null;
        var card = button ? button.closest('.ac-adaptiveCard') : null;
        if (!card) return;
        var hiddenBefore = Array.prototype.filter.call(card.querySelectorAll('[id]'), isHidden);
        window.setTimeout(function () {
          if (!isHidden(button)) return;
          var opened = hiddenBefore.filter(function (el) {
            return !isHidden(el);
          })[0];
          if (!opened) return;
          // Opened text is focused as a whole, to be read from its start; a row of buttons ("Show more") by its button.
          var hasText = opened.querySelector('.ac-textBlock, .ac-richTextBlock');
          var target = hasText ? opened : opened.querySelector('.ac-pushButton') || opened;
          if (target === opened) opened.setAttribute('tabindex', '-1');
          target.focus();
        }, 0);
      },
      true,
    ); // capture: what was hidden is read before the card's own handler toggles it
  }

  function isHidden(el) {
    return !el.isConnected || el.getClientRects().length === 0;
  }

  // ---------------------------------------------------------------- page controls

  function wireControls() {
    if (themeQuery && settings.theme === 'auto') themeQuery.addEventListener('change', render);
    if (window.matchMedia) window.matchMedia('(max-width: 479px)').addEventListener('change', render);
    // Keep the latest token (Direct Line refreshes it while connected) for the next reload.
    var keepToken = function () {
      if (current && current.directLine.token && current.directLine.token !== current.session.token) {
        current.session.token = current.directLine.token;
        shell.saveSession(current.session);
      }
    };
    document.addEventListener('visibilitychange', keepToken);
    window.addEventListener('pagehide', keepToken);
    setInterval(keepToken, 60000);

    shell.on('reset', resetConversation);
    shell.on('hidden', function () {
      shownWhenHidden = drawnActivities().length;
    });
    shell.on('shown', function () {
      // Web Chat draws what arrived while hidden as the panel shows: look once it has.
      requestAnimationFrame(function () {
        requestAnimationFrame(showFirstUnread);
      });
    });
  }

  // ---------------------------------------------------------------- start

  if (!window.WebChat) {
    shell.showStatus(
      'The chat could not load (Web Chat did not load from /vendor/webchat.js). Reload the page to try again.',
      true,
    );
    return;
  }
  wireControls();
  watchPastes();
  keepFocusOnToggles();
  shell.whenStarted(function () {
    start(false);
  });
  shell.attach({ send: send, focus: focusSendBoxSoon, reset: resetConversation });

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
