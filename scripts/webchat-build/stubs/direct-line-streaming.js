// Left out of StatusBot's Web Chat build: Direct Line over the App Service extension (botframework-streaming).
// StatusBot's pages use the plain Direct Line client over the bot's own server.
export class DirectLineStreaming {
  constructor() {
    throw new Error(
      'DirectLineStreaming (the App Service extension) is left out of this Web Chat build (scripts/webchat-build); use createDirectLine.',
    );
  }
}
