/** The shape every language's strings take: the English ones' keys, any text. */
export type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** A screen's strings in every language, under the screen's own namespace. */
export interface ScreenStrings<T> {
  readonly en: T;
  readonly es: Widen<T>;
  readonly fr: Widen<T>;
  readonly ar: Widen<T>;
}
