import type { CommonTranslation } from './translation.js';

const human = (s: string) => s.replace(/_/g, ' ');
export const n = (x: number) => x.toLocaleString('de');
export const plural = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

export const de: CommonTranslation = {
  $code: 'de',
  $name: 'Deutsch',
  $dir: 'ltr',
  loading: 'Wird geladen …',
  retry: 'Erneut versuchen',
  change: 'Ändern',
  next: 'Weiter',
  save: 'Speichern',
  saved: 'Gespeichert.',
  error: (kind, after) => {
    switch (kind) {
      case 'network':
        return 'Der Dienst ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.';
      case 'rate-limited':
        return after
          ? `Gerade kommen zu viele Anfragen. Bitte versuchen Sie es in ${plural(after, 'Sekunde', 'Sekunden')} erneut.`
          : 'Gerade kommen zu viele Anfragen. Bitte versuchen Sie es gleich noch einmal.';
      case 'upstream':
        return 'Der Telefondienst antwortet gerade nicht richtig. Bitte versuchen Sie es erneut.';
      case 'unauthorized':
        return 'Ihre Sitzung ist abgelaufen. Bitte laden Sie die Seite neu.';
      case 'forbidden':
        return 'Das ist hier nicht erlaubt.';
      case 'invalid':
        return 'Die Anfrage wurde abgelehnt.';
      case 'not-found':
        return 'Diese Funktion ist hier nicht verfügbar.';
      case 'too-large':
        return 'Das ist zu groß.';
      case 'config':
        return 'Dieses Element ist auf dieser Seite nicht richtig eingerichtet.';
    }
  },
  errorDetail: 'Details',
  invalidField: (field) => `Bitte prüfen Sie „${human(field)}“.`,
};
