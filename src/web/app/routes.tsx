import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';
import { SignInPage } from '../features/auth/pages/SignInPage';
import { VerifyPage } from '../features/auth/pages/VerifyPage';
import { HomePage } from '../features/auth/pages/HomePage';
import { SecurityPage } from '../features/account/pages/SecurityPage';
import { MyAccessReviewsPage } from '../features/access-reviews';
import { VerifyPasskeyPage } from '../features/account/pages/VerifyPasskeyPage';
import { MailboxPage } from '../features/mailbox/pages/MailboxPage';
import { UsersPage } from '../features/users/pages/UsersPage';
import { InvitationsPage } from '../features/invitations/pages/InvitationsPage';
import { AcceptInvitationPage } from '../features/invitations/pages/AcceptInvitationPage';
import { WelcomePage } from '../features/invitations/pages/WelcomePage';
import { UserDetailPage } from '../features/users/pages/UserDetailPage';
import { GroupsPage } from '../features/groups/pages/GroupsPage';
import { GroupDetailPage } from '../features/groups/pages/GroupDetailPage';
import { OrganizationSettingsPage } from '../features/organization/pages/OrganizationSettingsPage';
import { SsoTestDonePage } from '../features/organization/pages/SsoTestDonePage';
import { RoleEditorPage } from '../features/roles/pages/RoleEditorPage';
import { RolesPage } from '../features/roles/pages/RolesPage';
import { OverviewPage } from '../features/usage/pages/OverviewPage';
import { UserActivityPage } from '../features/usage/pages/UserActivityPage';
import { DeleteUserPage } from '../features/offboarding/pages/DeleteUserPage';
import { WorkspaceDetailPage } from '../features/workspaces/pages/WorkspaceDetailPage';
import { WorkspacesPage } from '../features/workspaces/pages/WorkspacesPage';
import { IntegrationsPage } from '../features/integrations/pages/IntegrationsPage';
import { SecurityCenterPage } from '../features/security-center';
import type { ReactNode } from 'react';
import { startPage, type Access } from '../shared/access/access';
import { PAGE_ACCESS } from '../shared/access/pages';
import { RequireAccess } from '../shared/access/RequireAccess';
import { useMe } from '../shared/useMe';
import { AdminLayout } from './AdminLayout';
import { RequireSignIn } from './RequireSignIn';

function Landing() {
  const me = useMe();
  if (me.isLoading)
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  if (!me.data) return <Navigate to="/sign-in" replace />;
  return <Navigate to={startPage(new Set(me.data.permissions)).to} replace />;
}

const guarded = (access: Access, page: ReactNode) => <RequireAccess access={access}>{page}</RequireAccess>;

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<Landing />} />
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/sign-in/verify" element={<VerifyPage />} />
      <Route path="/mailbox" element={<MailboxPage />} />
      <Route path="/sso/test-done" element={<SsoTestDonePage />} />
      <Route
        path="/account/verify-passkey"
        element={
          <RequireSignIn>
            <VerifyPasskeyPage />
          </RequireSignIn>
        }
      />
      <Route path="/invitations/accept" element={<AcceptInvitationPage />} />
      <Route
        element={
          <RequireSignIn>
            <AdminLayout />
          </RequireSignIn>
        }
      >
        <Route path="/home" element={<HomePage />} />
        <Route path="/account/security" element={<SecurityPage />} />
        <Route path="/account/reviews" element={<MyAccessReviewsPage />} />
        <Route path="/admin/users" element={guarded(PAGE_ACCESS.users, <UsersPage />)} />
        <Route path="/admin/invitations" element={guarded(PAGE_ACCESS.invitations, <InvitationsPage />)} />
        <Route path="/welcome" element={<WelcomePage />} />
        <Route path="/admin/users/:id" element={guarded(PAGE_ACCESS.users, <UserDetailPage />)} />
        <Route path="/admin/groups" element={guarded(PAGE_ACCESS.groups, <GroupsPage />)} />
        <Route path="/admin/groups/:id" element={guarded(PAGE_ACCESS.group, <GroupDetailPage />)} />
        <Route path="/admin/settings" element={guarded(PAGE_ACCESS.settings, <OrganizationSettingsPage />)} />
        <Route path="/admin/roles" element={guarded(PAGE_ACCESS.roles, <RolesPage />)} />
        <Route path="/admin/roles/new" element={guarded(PAGE_ACCESS.newRole, <RoleEditorPage />)} />
        <Route path="/admin/roles/:id" element={guarded(PAGE_ACCESS.role, <RoleEditorPage />)} />
        <Route path="/admin/users/:id/activity" element={guarded(PAGE_ACCESS.userActivity, <UserActivityPage />)} />
        <Route path="/admin/overview" element={guarded(PAGE_ACCESS.overview, <OverviewPage />)} />
        <Route path="/admin/users/:id/delete" element={guarded(PAGE_ACCESS.deleteUser, <DeleteUserPage />)} />
        <Route path="/admin/workspaces" element={guarded(PAGE_ACCESS.workspaces, <WorkspacesPage />)} />
        <Route path="/admin/integrations" element={guarded(PAGE_ACCESS.integrations, <IntegrationsPage />)} />
        <Route path="/admin/security" element={guarded(PAGE_ACCESS.securityCenter, <SecurityCenterPage />)} />
        <Route path="/admin/security/:tab" element={guarded(PAGE_ACCESS.securityCenter, <SecurityCenterPage />)} />
        <Route path="/admin/workspaces/:id" element={guarded(PAGE_ACCESS.workspaces, <WorkspaceDetailPage />)} />
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
