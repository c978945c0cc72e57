// Left out of StatusBot's Web Chat build: sanitize-html parses a style attribute with postcss only when its options
// allow one, and Web Chat's markdown options allow none. If it were reached, sanitize-html catches this and drops the
// attribute.
export function parse() {
  throw new Error(
    'postcss is left out of this Web Chat build (scripts/webchat-build): style attributes are not allowed.',
  );
}
