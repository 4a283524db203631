/** invite */
export const invite = {
  'invite.title': 'Invite New User',
  'invite.tab.one': 'One person',
  'invite.tab.several': 'Several at once',
  'invite.tab.csv': 'Upload CSV',
  'invite.email': 'Email',
  'invite.emailPlaceholder': 'name@company.com',
  'invite.existingHint':
    'If this address already belongs to someone in your organization, their role and group are updated instead of sending a new invitation.',
  'invite.done': 'Done',
  'invite.send': 'Send invitation',
  'invite.role': 'Role',
  'invite.roleHint': 'Use the narrowest role that supports the work.',
  'invite.chooseRole': 'Choose a role',
  'invite.group': 'Group',
  'invite.groupHint': 'Optional: a team or access cohort.',
  'invite.noGroup': 'No group',
  'invite.noGroups': 'No groups yet',
  'invite.reason': 'Business reason',
  'invite.reasonHint': 'Your organization requires a reason for user changes; it is kept in the audit log.',
  'invite.helpMeChoose': 'Help me choose',
} as const;
