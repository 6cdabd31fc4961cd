import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@upstand/contracts';
import { ErrorItem } from '../../core/api-error';

/** The rules the API applies to a new password (registration and setting a password by link), in NHS wording. */
export function newPasswordProblems(password: string, confirmPassword: string): ErrorItem[] {
  const problems: ErrorItem[] = [];
  if (!password) {
    problems.push({ field: 'password', text: 'Enter a password' });
  } else if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push({ field: 'password', text: `Password must be ${PASSWORD_MIN_LENGTH} characters or more` });
  } else if (password.length > PASSWORD_MAX_LENGTH) {
    problems.push({ field: 'password', text: `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer` });
  }
  if (!confirmPassword) {
    problems.push({ field: 'confirmPassword', text: 'Enter your password again' });
  } else if (password && confirmPassword !== password) {
    problems.push({ field: 'confirmPassword', text: 'Passwords do not match' });
  }
  return problems;
}
