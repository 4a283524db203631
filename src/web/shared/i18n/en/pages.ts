/** Smaller pages: a user's activity page and the local mailbox. */
export const pages = {
  'activityPage.users': 'Users',
  'activityPage.user': 'User',
  'activityPage.activity': 'Activity',
  'activityPage.title': 'Activity of {name}',
  'mailbox.back': 'Back to Sofie',
  'mailbox.backToConsole': 'Back to the console',
  'mailbox.title': 'Local mailbox',
  'mailbox.intro': 'No SMTP server is configured, so Sofie keeps its mail here. Set SMTP_URL to send real mail.',
  'mailbox.none': 'No mail yet.',
  'mailbox.to': 'To: {to}',
} as const;
