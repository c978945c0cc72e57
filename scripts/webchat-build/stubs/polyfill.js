// Left out of StatusBot's Web Chat build: a polyfill of something every browser that runs the bundle's ES2022 code has.
