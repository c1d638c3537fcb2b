/** The language switcher: the four languages by their own names. */
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, LANGUAGES, type LanguageCode } from './i18n/index.ts';

export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <Select
      label={t('app.language')}
      size="xs"
      w={150}
      allowDeselect={false}
      data={LANGUAGES.map((language) => ({ value: language.code, label: language.name }))}
      value={i18n.language}
      onChange={(value) => {
        if (value !== null) chooseLanguage(value as LanguageCode);
      }}
    />
  );
}
