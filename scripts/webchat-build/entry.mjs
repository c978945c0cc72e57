/*
 * What StatusBot's pages use of Web Chat (public/assets/chat.js): window.WebChat.createDirectLine, createStore and
 * renderWebChat, the last with the full bundle's component (Adaptive Cards, markdown with its sanitiser). Taken from
 * Web Chat's own sources in the npm package, as its full bundle composes them, without the speech services.
 */
/* global window */
import { createStore } from 'botframework-webchat-core';
import FullReactWebChat from 'botframework-webchat/src/FullReactWebChat';
import createDirectLineWithAgent from 'botframework-webchat/src/createDirectLine';
import renderWithComponent from 'botframework-webchat/src/renderWebChat';

const botAgent = 'WebChat/4.18.1 (StatusBot)';

window.WebChat = {
  createDirectLine: (options) => createDirectLineWithAgent({ ...options, botAgent }),
  createStore,
  renderWebChat: renderWithComponent.bind(null, FullReactWebChat),
};
