/** What the app shell uses: the Security Center page (its tabs are listed in SECURITY_TABS). */
export { SecurityCenterPage, SECURITY_TABS } from './pages/SecurityCenterPage';
