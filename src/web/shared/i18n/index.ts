export {
  currentLocale,
  LOCALE_STORAGE_KEY,
  PSEUDO_LOCALE,
  t,
  tOr,
  tWith,
  englishWith,
  isMessageKey,
  useT,
  type MessageKey,
  type PlainMessageKey,
} from './i18n';
export { permissionCategoryText, permissionDescriptionText, permissionLabelText } from './permissionText';
export { tRich } from './rich';
