/** The business reason asked with access changes, and the confirmation dialog around it. */
export const reason = {
  'reason.label': 'Business reason',
  'reason.requiredHint': 'Your organization requires a reason for user changes. It is kept in the audit log.',
  'reason.optionalHint': 'Optional. Kept in the audit log with the change.',
  'reason.placeholder': 'e.g. Requested by the team lead (ticket HR-123)',
  'reason.missing': 'Give the business reason for this change.',
  'confirm.notSaved': 'Not saved',
  'confirm.typeToConfirm': 'Type {value} to confirm',
} as const;
