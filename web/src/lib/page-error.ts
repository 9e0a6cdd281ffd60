/** Something that went wrong, as the page shows it: `code` for programs, `message` for a person. */
export interface PageError {
  code: string;
  message: string;
}
