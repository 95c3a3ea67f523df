/** Languages the staff console speaks. */
export enum StaffLanguage {
  English = 'en',
  Russian = 'ru',
}
