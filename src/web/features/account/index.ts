/** What other features use: the sign-in page offers "Continue with passkey". */
export { ContinueWithPasskey } from './components/ContinueWithPasskey';
