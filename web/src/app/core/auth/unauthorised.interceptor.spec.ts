import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { signInAs, user } from '../../../testing/fixtures';
import { SessionService } from './session.service';
import { unauthorisedInterceptor } from './unauthorised.interceptor';

describe('unauthorisedInterceptor', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([unauthorisedInterceptor])),
        provideHttpClientTesting(),
      ],
    });
  });

  const unauthorised = { status: 401, statusText: 'Unauthorized' };

  it('forgets the user and goes to sign in when the session has expired', async () => {
    await signInAs(user(['programme-lead']));
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const failed = jest.fn();
    TestBed.inject(HttpClient).get('/api/organisations').subscribe({ error: failed });
    TestBed.inject(HttpTestingController)
      .expectOne('/api/organisations')
      .flush({ statusCode: 401 }, unauthorised);

    expect(TestBed.inject(SessionService).isLoggedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: {} });
    expect(failed).toHaveBeenCalled();
  });

  it('leaves a wrong password on the sign-in form alone', async () => {
    await signInAs(null);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate');
    TestBed.inject(HttpClient)
      .post('/api/auth/login', {})
      .subscribe({ error: () => undefined });
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/login')
      .flush({ statusCode: 401 }, unauthorised);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('does not redirect when /api/auth/me says nobody is signed in', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate');
    await signInAs(null);
    expect(navigate).not.toHaveBeenCalled();
  });
});
