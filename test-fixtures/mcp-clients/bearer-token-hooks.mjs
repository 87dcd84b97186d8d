// Module resolve hook used by bearer-token.mjs: bare 'undici' imported from the conformance package
// resolves to undici-with-token.mjs; everything else resolves as usual.
const shim = new URL('./undici-with-token.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'undici' && context.parentURL?.includes('/@modelcontextprotocol/conformance/')) {
    return { url: shim, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
