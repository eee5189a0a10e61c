// Languages of every user-facing text: Italian first (the default), English second.
export const languages = ['it', 'en'] as const;
export type Lang = (typeof languages)[number];
export type Label = { it: string; en: string };

export function pick(label: Label, lang: Lang = 'it'): string {
  return label[lang] ?? label.it;
}
