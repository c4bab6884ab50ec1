/**
 * The stealth tier's own init script (run after fingerprint-injector's): seeded, invisible noise to what canvas read-backs return (toDataURL, toBlob,
 * getImageData): a session hashes to the same canvas fingerprint on every page, but not to that of other sessions
 * or of a stock headless Chromium. It also fills the low-entropy values (platform, brands, mobile) that the injected
 * userAgentData.getHighEntropyValues drops when a caller names them among its hints, as Chrome never does. The
 * patched functions keep their native names and native-looking toString.
 */
export function stealthPatchScript(seed: number): string {
  return `(() => {
  const seed = ${seed >>> 0};
  const patched = new WeakMap();
  const nativeToString = Function.prototype.toString;
  const toStringProxy = new Proxy(nativeToString, {
    apply(target, self, args) {
      const name = patched.get(self);
      return name !== undefined ? 'function ' + name + '() { [native code] }' : Reflect.apply(target, self, args);
    },
  });
  patched.set(toStringProxy, 'toString');
  Function.prototype.toString = toStringProxy;
  function noise(data, width, height) {
    let a = (seed ^ (width * 73856093) ^ (height * 19349663)) >>> 0;
    const next = () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
    const pixels = data.length / 4;
    const touches = Math.min(pixels, 10 + Math.floor(pixels / 500));
    for (let i = 0; i < touches; i++) {
      const p = Math.floor(next() * pixels) * 4;
      if (data[p + 3] === 0) continue;
      const c = p + Math.floor(next() * 3);
      data[c] = data[c] >= 255 ? 254 : data[c] + 1;
    }
  }
  function patch(proto, name, wrap) {
    const original = proto[name];
    if (typeof original !== 'function') return;
    const replacement = { [name]: wrap(original) }[name];
    patched.set(replacement, name);
    Object.defineProperty(proto, name, { value: replacement, writable: true, configurable: true, enumerable: false });
  }
  const getImageData = CanvasRenderingContext2D.prototype.getImageData;
  function noisyCopy(canvas) {
    if (!canvas.width || !canvas.height) return canvas;
    const ctx = canvas.getContext && canvas.getContext('2d');
    if (!ctx) return canvas;
    const copy = document.createElement('canvas');
    copy.width = canvas.width; copy.height = canvas.height;
    const cctx = copy.getContext('2d');
    const img = getImageData.call(ctx, 0, 0, canvas.width, canvas.height);
    noise(img.data, canvas.width, canvas.height);
    cctx.putImageData(img, 0, 0);
    return copy;
  }
  patch(CanvasRenderingContext2D.prototype, 'getImageData', (original) => function (...args) {
    const img = original.apply(this, args);
    noise(img.data, img.width, img.height);
    return img;
  });
  patch(HTMLCanvasElement.prototype, 'toDataURL', (original) => function (...args) { return original.apply(noisyCopy(this), args); });
  patch(HTMLCanvasElement.prototype, 'toBlob', (original) => function (...args) { return original.apply(noisyCopy(this), args); });
  const uad = navigator.userAgentData;
  if (uad) {
    patch(Object.getPrototypeOf(uad), 'getHighEntropyValues', (original) => async function (...args) {
      const values = await original.apply(this, args);
      if (values && typeof values === 'object') {
        for (const key of ['brands', 'mobile', 'platform']) if (values[key] === undefined) values[key] = this[key];
      }
      return values;
    });
  }
})();`;
}
