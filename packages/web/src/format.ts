const nf = new Intl.NumberFormat('en-US');
export const int = (n: number): string => nf.format(Math.round(n));
export const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
export const usd = (cents: number): string =>
  cents >= 1e11 ? `$${(cents / 1e11).toFixed(2)} bn` : `$${(cents / 1e8).toFixed(1)} m`;
export const teu = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M TEU` : `${int(n)} TEU`);
