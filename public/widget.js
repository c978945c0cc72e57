/*!
 * StatusBot chat widget. One tag on any page:
 *   <script src="https://bot.example.com/widget.js" data-accent="#0a6" data-position="right" async></script>
 * Options (data-* on the tag, or window.StatusBotSettings set before it, which wins): bot-url, title, accent,
 * position (left|right), theme (light|dark|auto), locale, open, persist, greeting, support-url, prefetch.
 * API: StatusBot.open(), close(), toggle(), send(text), on('ready'|'open'|'close'|'message'|'unread', fn).
 *
 * The launcher is a button in a shadow root (page CSS cannot reach it, and its CSS cannot reach the page). The chat
 * is the bot's /embed page in an iframe. It is made ahead of time, hidden, when the launcher is hovered or focused or
 * the page is idle (unless prefetch is false): it then only downloads Web Chat, and starts the chat when opened. On a
 * phone the open panel fills the screen, is modal, and the browser's Back closes it.
 * Nothing inline, no eval, no innerHTML: it runs under a strict Content-Security-Policy (see the README).
 */
(function () {
  'use strict';
  /* global window, document, sessionStorage, URL, URLSearchParams, setTimeout */
  var w = window;
  var d = document;
  if (w.StatusBot && w.StatusBot.version) return; // loaded twice

  var script = d.currentScript || d.querySelector('script[src*="widget.js"]');
  var data = (script && script.dataset) || {};
  var given = w.StatusBotSettings || {};
  var opt = function (name, key) {
    var v = given[name];
    return v !== undefined && v !== null ? String(v) : data[key || name];
  };
  var flag = function (name, fallback) {
    var v = opt(name);
    return v === undefined ? fallback : v !== 'false' && v !== '0' && v !== 'no';
  };

  var botOrigin;
  try {
    botOrigin = new URL(opt('botUrl') || (script && script.src) || '', d.baseURI).origin;
  } catch {
    return;
  }
  var accent = /^#(?:[0-9a-f]{3}){1,2}$/i.test(opt('accent') || '') ? opt('accent') : '#0f7b5f';
  var cfg = {
    title: (opt('title') || 'StatusBot').slice(0, 40),
    position: opt('position') === 'left' ? 'left' : 'right',
    theme: /^(light|dark)$/.test(opt('theme') || '') ? opt('theme') : 'auto',
    locale: opt('locale') || d.documentElement.lang || '',
    persist: flag('persist', true),
    open: flag('open', false),
    greeting: (opt('greeting') || '').slice(0, 140),
    supportUrl: opt('supportUrl') || '',
    prefetch: flag('prefetch', true),
  };
  var KEY = 'statusbot.widget';
  var state = load();
  var listeners = {};
  var frame = null;
  var live = false; // the frame runs the chat (not only made ahead of time)
  var ready = false;
  var loaded = false;
  var early = []; // messages for the panel before it has loaded
  var opened = false;
  var unread = 0;
  var pushed = false; // a history entry for the open full-screen panel, which Back takes away
  var refused = false;

  // ------------------------------------------------------------ colours

  /** The accent darkened until white text and icons on it reach 4.5:1 (WCAG AA). */
  function readable(hex) {
    var h = hex.slice(1);
    if (h.length === 3) h = h.replace(/./g, '$&$&');
    var c = [0, 2, 4].map(function (i) {
      return parseInt(h.substr(i, 2), 16);
    });
    var lum = function () {
      var l = c.map(function (v) {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
      });
      return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    };
    for (var i = 0; i < 20 && 1.05 / (lum() + 0.05) < 4.5; i++) {
      c = c.map(function (v) {
        return v * 0.88;
      });
    }
    return (
      '#' +
      c
        .map(function (v) {
          return ('0' + Math.round(v).toString(16)).slice(-2);
        })
        .join('')
    );
  }
  var fill = readable(accent);

  // ------------------------------------------------------------ DOM

  var SVG = 'http://www.w3.org/2000/svg';
  function el(tag, attrs, kids) {
    var svg = tag.indexOf('svg:') === 0;
    var node = svg ? d.createElementNS(SVG, tag.slice(4)) : d.createElement(tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    (kids || []).forEach(function (kid) {
      node.appendChild(typeof kid === 'string' ? d.createTextNode(kid) : kid);
    });
    return node;
  }
  function icon(path, cls) {
    return el('svg:svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false', class: cls }, [
      el('svg:path', { d: path }),
    ]);
  }

  var CSS =
    ':host{all:initial!important}' +
    '*{box-sizing:border-box}' +
    '.w{--a:' +
    fill +
    ';position:fixed;z-index:2147483000;bottom:20px;' +
    cfg.position +
    ':20px;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1c2330}' +
    '.l{position:relative;display:flex;align-items:center;justify-content:center;width:60px;height:60px;border:0;border-radius:50%;background:var(--a);color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.22),0 1px 3px rgba(0,0,0,.18);transition:transform .15s}' +
    '.l:hover{transform:scale(1.06)}' +
    '.l:focus-visible{outline:3px solid var(--a);outline-offset:3px}' +
    '.l svg{width:28px;height:28px;fill:currentColor}' +
    '.l .x{display:none}.o .l .x{display:block}.o .l .c{display:none}' +
    '.b{position:absolute;top:-2px;right:-2px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#c62828;color:#fff;font:700 12px/22px system-ui,sans-serif;text-align:center;box-shadow:0 0 0 2px #fff}' +
    '.s{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}' +
    '.p{position:absolute;bottom:76px;' +
    cfg.position +
    ':0;width:400px;height:min(680px,calc(100vh - 120px));border-radius:16px;overflow:hidden;background:#fff;box-shadow:0 12px 40px rgba(0,0,0,.22),0 2px 8px rgba(0,0,0,.12);opacity:0;pointer-events:none;transform:translateY(12px) scale(.98);transform-origin:bottom ' +
    cfg.position +
    ';transition:opacity .18s,transform .18s}' +
    '.o .p{opacity:1;pointer-events:auto;transform:none;transition-delay:0s}' +
    '.p iframe{display:block;width:100%;height:100%;border:0}' +
    '.g{position:absolute;bottom:72px;' +
    cfg.position +
    ':0;display:flex;align-items:flex-start;gap:4px;width:max-content;max-width:280px;padding:12px 8px 12px 14px;border-radius:14px;background:#fff;box-shadow:0 6px 24px rgba(0,0,0,.18);animation:u .25s ease-out}' +
    '.g button{border:0;background:none;font:inherit;color:inherit;cursor:pointer;text-align:start;padding:0}' +
    '.g .gx{flex:none;width:24px;height:24px;border-radius:12px;color:#5a6271;font-size:18px;line-height:24px;text-align:center}' +
    '.g .gx:hover{background:#f1f3f6}' +
    '@keyframes u{from{opacity:0;transform:translateY(8px)}}' +
    '@media (prefers-color-scheme:dark){.auto .g{background:#222833;color:#e6e9ef}.auto .g .gx{color:#a3abb9}.auto .p{background:#171b22}}' +
    '.dark .g{background:#222833;color:#e6e9ef}.dark .g .gx{color:#a3abb9}.dark .p{background:#171b22}' +
    '@media (max-width:480px){.w{bottom:16px;' +
    cfg.position +
    ':16px}.o .p{position:fixed;top:0;left:0;right:0;bottom:auto;width:100%;height:100vh;height:100dvh;border-radius:0}.o .l{display:none}}' +
    '@media (prefers-reduced-motion:reduce){.l,.p,.g{transition:none;animation:none}}';

  var host = el('statusbot-widget');
  var shadow = host.attachShadow({ mode: 'open' });
  try {
    // A constructed stylesheet needs no 'unsafe-inline' or nonce in the host page's CSP.
    var sheet = new w.CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    // Older browsers: a <style> element, with the tag's nonce for CSPs that need one.
    shadow.appendChild(el('style', script && script.nonce ? { nonce: script.nonce } : {}, [CSS]));
  }

  var label = 'Chat with ' + cfg.title;
  // Closed, the panel is transparent and inert (out of reach of the pointer, the keyboard and screen readers) but
  // still drawn: a panel made ahead of time has its shell painted and shows it the moment it opens, even while its
  // frame is busy running Web Chat.
  var panel = el('div', {
    class: 'p',
    id: 'statusbot-panel',
    role: 'dialog',
    'aria-label': cfg.title + ' chat',
    inert: '',
  });
  var badgeCount = el('span', { 'aria-hidden': 'true' });
  var badgeText = el('span', { class: 's' });
  var badge = el('span', { class: 'b', hidden: '' }, [badgeCount, badgeText]);
  var launcher = el(
    'button',
    { type: 'button', class: 'l', 'aria-expanded': 'false', 'aria-controls': 'statusbot-panel' },
    [
      el('span', { class: 's' }, [label]),
      icon(
        'M12 3C6.5 3 2 6.9 2 11.7c0 2.6 1.3 4.9 3.4 6.5L4.6 22l4.3-2.3c1 .3 2 .4 3.1.4 5.5 0 10-3.9 10-8.7S17.5 3 12 3zm-4 10a1.3 1.3 0 110-2.6A1.3 1.3 0 018 13zm4 0a1.3 1.3 0 110-2.6 1.3 1.3 0 010 2.6zm4 0a1.3 1.3 0 110-2.6 1.3 1.3 0 010 2.6z',
        'c',
      ),
      icon(
        'M18.3 5.7a1 1 0 00-1.4 0L12 10.6 7.1 5.7a1 1 0 00-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 101.4 1.4l4.9-4.9 4.9 4.9a1 1 0 001.4-1.4L13.4 12l4.9-4.9a1 1 0 000-1.4z',
        'x',
      ),
      badge,
    ],
  );
  // Screen readers hear about answers that arrive while the panel is closed.
  var announcer = el('span', { class: 's', 'aria-live': 'polite' });
  var root = el('div', { class: 'w ' + cfg.theme }, [panel, launcher, announcer]);
  shadow.appendChild(root);

  launcher.addEventListener('click', function () {
    toggle();
  });
  // Intent to chat: make the panel now, and run Web Chat in it (without connecting) so it opens at once. Only when
  // the panel is another site's frame, which browsers run apart from this page: run here, its second of work would
  // hold up this page (and the very click that opens it).
  var apart = botOrigin !== w.location.origin;
  var prepare = function () {
    ensureFrame(false);
    if (!live && apart) tell({ type: 'prepare' });
  };
  launcher.addEventListener('pointerenter', prepare);
  launcher.addEventListener('focus', prepare);
  root.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && opened) close(true);
  });

  // ------------------------------------------------------------ the panel

  function load() {
    try {
      return (cfg.persist && JSON.parse(sessionStorage.getItem(KEY) || '{}')) || {};
    } catch {
      return {};
    }
  }
  function save() {
    try {
      if (cfg.persist) sessionStorage.setItem(KEY, JSON.stringify(state));
    } catch {
      // Storage blocked: the widget just forgets between pages.
    }
  }

  /** The panel's frame: made once; `start` makes it run the chat (a frame made ahead of time only downloads). */
  function ensureFrame(start) {
    if (!frame) {
      var q = new URLSearchParams({
        title: cfg.title,
        accent: accent,
        theme: cfg.theme,
        persist: String(cfg.persist),
        origin: w.location.origin,
      });
      if (cfg.locale) q.set('locale', cfg.locale);
      if (cfg.supportUrl) q.set('support-url', cfg.supportUrl);
      if (!start) q.set('warm', '1');
      live = start;
      frame = el('iframe', { src: botOrigin + '/embed?' + q, title: cfg.title + ' chat', allow: 'clipboard-write' });
      panel.appendChild(frame);
    } else if (start && !live) {
      live = true;
      tell({ type: 'start' });
    }
  }

  /** To the panel, once it has loaded (until then, kept in order). */
  function tell(message) {
    message.source = 'statusbot-widget';
    if (!loaded) early.push(message);
    else if (frame && frame.contentWindow) frame.contentWindow.postMessage(message, botOrigin);
  }

  /** Focus the send box (the shell's until Web Chat is there). */
  function focusChat() {
    if (!frame) return;
    frame.focus();
    tell({ type: 'focus' });
  }

  /** Whether the open panel fills the screen (a phone): then it is modal, and Back closes it. */
  function fullScreen() {
    return !!(w.matchMedia && w.matchMedia('(max-width: 480px)').matches);
  }

  function setModal() {
    var modal = opened && fullScreen();
    if (modal) panel.setAttribute('aria-modal', 'true');
    else panel.removeAttribute('aria-modal');
    if (frame) tell({ type: 'modal', on: modal });
  }

  function open(byUser) {
    hideGreeting();
    ensureFrame(true);
    if (!opened) {
      opened = true;
      panel.removeAttribute('inert');
      root.classList.add('o');
      launcher.setAttribute('aria-expanded', 'true');
      state.open = true;
      save();
      // Answers that came while it was closed: the panel shows the first of them.
      tell({ type: 'shown', unread: unread });
      setUnread(0);
      fitViewport();
      setModal();
      if (fullScreen() && !pushed && w.history && w.history.pushState) {
        w.history.pushState({ statusbot: 'open' }, '');
        pushed = true;
      }
      emit('open');
    }
    if (byUser !== false) focusChat();
  }

  function close(returnFocus) {
    if (!opened) return;
    opened = false;
    panel.setAttribute('inert', '');
    root.classList.remove('o');
    launcher.setAttribute('aria-expanded', 'false');
    state.open = false;
    save();
    tell({ type: 'hidden' });
    setModal();
    if (returnFocus !== false) launcher.focus();
    if (pushed) {
      // Closed by the button or Escape: take back the history entry that Back would otherwise have to.
      pushed = false;
      if (w.history.state && w.history.state.statusbot) w.history.back();
    }
    emit('close');
  }

  // Back (or the phone's back gesture) closes the full-screen panel instead of leaving the page.
  w.addEventListener('popstate', function () {
    if (!pushed) return;
    pushed = false;
    close(true);
  });

  function toggle() {
    if (opened) close();
    else open();
  }

  function setUnread(n) {
    if (n === unread) return;
    unread = n;
    badge.hidden = !n;
    badgeCount.textContent = n > 9 ? '9+' : String(n);
    badgeText.textContent = n + (n === 1 ? ' unread message' : ' unread messages');
    announcer.textContent = n ? cfg.title + ': ' + badgeText.textContent : '';
    emit('unread', n);
  }

  /** Phones: the full-screen panel follows the visual viewport, so the on-screen keyboard never covers the send box. */
  function fitViewport() {
    var vv = w.visualViewport;
    var small = w.matchMedia && w.matchMedia('(max-width: 480px)').matches;
    panel.style.height = small && vv && opened ? vv.height + 'px' : '';
    panel.style.top = small && vv && opened ? vv.offsetTop + 'px' : '';
  }
  // Answers that arrived while the tab was hidden stop being unread once the visitor is back with the panel open.
  d.addEventListener('visibilitychange', function () {
    if (!d.hidden && opened) setUnread(0);
  });
  if (w.visualViewport) {
    w.visualViewport.addEventListener('resize', fitViewport);
    w.visualViewport.addEventListener('scroll', fitViewport);
  }
  if (w.matchMedia) w.matchMedia('(max-width: 480px)').addEventListener('change', setModal);

  // ------------------------------------------------------------ the greeting bubble (off unless asked; once a session)

  var greet = null;
  function showGreeting() {
    if (!cfg.greeting || state.greeted || opened) return;
    state.greeted = true;
    save();
    var text = el('button', { type: 'button' }, [cfg.greeting]);
    var dismiss = el('button', { type: 'button', class: 'gx', 'aria-label': 'Dismiss' }, ['\u00d7']);
    greet = el('div', { class: 'g', role: 'status' }, [text, dismiss]);
    text.addEventListener('click', function () {
      open();
    });
    dismiss.addEventListener('click', function () {
      hideGreeting();
      launcher.focus();
    });
    root.insertBefore(greet, panel);
  }
  function hideGreeting() {
    if (greet) greet.remove();
    greet = null;
  }

  // ------------------------------------------------------------ messages from the panel

  w.addEventListener('message', function (e) {
    if (!frame || e.source !== frame.contentWindow || e.origin !== botOrigin) return;
    var m = e.data || {};
    if (m.source !== 'statusbot-embed') return;
    if (m.type === 'loaded') {
      loaded = true;
      while (early.length) tell(early.shift());
    } else if (m.type === 'ready') {
      if (!ready) {
        ready = true;
        emit('ready');
      }
    } else if (m.type === 'refused') {
      refuse(m.origin);
    } else if (m.type === 'message') {
      emit('message', m.message);
      if (!opened || d.hidden) setUnread(unread + 1);
    } else if (m.type === 'close') {
      close(true);
    }
  });

  /**
   * The bot does not let this site embed the chat (ALLOWED_ORIGINS): its panel says so to the visitor; the site's
   * owner reads it here.
   */
  function refuse(origin) {
    if (refused) return;
    refused = true;
    console.warn(
      'StatusBot: this site (' +
        origin +
        ') may not embed the chat from ' +
        botOrigin +
        '. On the bot, add it to the ALLOWED_ORIGINS setting ' +
        '(ALLOWED_ORIGINS=' +
        origin +
        '; exact origins, comma-separated) and restart the bot.',
    );
  }

  // ------------------------------------------------------------ the API

  function emit(name, value) {
    (listeners[name] || []).slice().forEach(function (fn) {
      try {
        fn(value);
      } catch (err) {
        setTimeout(function () {
          throw err;
        });
      }
    });
  }

  var api = {
    version: '1',
    open: function () {
      open();
    },
    close: function () {
      close(false);
    },
    toggle: toggle,
    send: function (text) {
      if (typeof text !== 'string' || !text.trim()) return;
      ensureFrame(true);
      tell({ type: 'send', text: text });
    },
    on: function (name, fn) {
      (listeners[name] = listeners[name] || []).push(fn);
      if (name === 'ready' && ready) fn();
      return function () {
        listeners[name] = (listeners[name] || []).filter(function (f) {
          return f !== fn;
        });
      };
    },
  };
  // Calls made before the script loaded: window.StatusBot = window.StatusBot || { q: [] }; StatusBot.q.push(['open']).
  var calls = (w.StatusBot && w.StatusBot.q) || [];
  w.StatusBot = api;

  function mount() {
    d.body.appendChild(host);
    pushed = !!(w.history && w.history.state && w.history.state.statusbot); // a reload of the open panel
    if (state.open || cfg.open) open(false);
    else if (cfg.greeting) setTimeout(showGreeting, 3000);
    if (cfg.prefetch)
      whenIdle(function () {
        ensureFrame(false);
      });
    calls.forEach(function (call) {
      if (api[call[0]]) api[call[0]].apply(api, call.slice(1));
    });
  }
  /** Once the page has loaded and the browser is idle. */
  function whenIdle(fn) {
    var later = function () {
      if (w.requestIdleCallback) w.requestIdleCallback(fn, { timeout: 5000 });
      else setTimeout(fn, 2000);
    };
    if (d.readyState === 'complete') later();
    else w.addEventListener('load', later);
  }

  if (d.body) mount();
  else d.addEventListener('DOMContentLoaded', mount);
})();
