// Loads a front-end library named in App.razor's <meta name="tlb-library-…"> (its fingerprinted address) once,
// when the first chart or map needs it.
const loading = new Map();

export function library(name) {
  if (!loading.has(name)) {
    loading.set(name, new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = document.querySelector(`meta[name="tlb-library-${name}"]`).content;
      script.onload = resolve;
      script.onerror = () => { loading.delete(name); reject(new Error(`${name} could not be loaded`)); };
      document.head.appendChild(script);
    }));
  }
  return loading.get(name);
}
