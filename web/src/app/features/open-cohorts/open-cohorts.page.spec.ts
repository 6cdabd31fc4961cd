import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { OpenCohort, Role } from '@upstand/contracts';
import { apiError, COHORT, enrolment, openCohort, signInAs, user } from '../../../testing/fixtures';
import { FlashService } from '../../core/flash.service';
import { OpenCohortsPage, RESTRICTED_MESSAGE, restrictionNote } from './open-cohorts.page';

async function render(roles: Role[] | null, cohorts: OpenCohort[] = [openCohort()], signUp?: string) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(roles ? user(roles) : null);
  const http = TestBed.inject(HttpTestingController);
  const router = TestBed.inject(Router);
  const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
  const fixture = TestBed.createComponent(OpenCohortsPage);
  if (signUp) fixture.componentRef.setInput('signUp', signUp);
  await fixture.whenStable();
  http.expectOne('/api/open-cohorts').flush({ items: cohorts, total: cohorts.length, page: 1, pageSize: 25 });
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const signUpButtons = () =>
    Array.from(element.querySelectorAll('button')).filter((b) => b.textContent?.trim().startsWith('Sign up'));
  return { fixture, element, http, navigate, signUpButtons };
}

describe('OpenCohortsPage', () => {
  it('lists each cohort with where it meets, its system, every session date and places left, to anyone', async () => {
    const { element, signUpButtons } = await render(null, [
      openCohort(),
      openCohort({
        id: 'cohort-2',
        name: 'LLR summer 2027',
        placesLeft: 0,
        restrictedToSystems: ['QK1', 'QJM'],
      }),
    ]);
    const cards = Array.from(element.querySelectorAll('[data-testid="open-cohorts"] > li'));
    expect(cards.map((card) => card.querySelector('h2')?.textContent?.trim())).toEqual([
      'LLR spring 2027',
      'LLR summer 2027',
    ]);
    expect(cards[0].querySelector('[data-testid="where"]')?.textContent?.trim()).toBe(
      'Leicester General Hospital',
    );
    const dates = Array.from(cards[0].querySelectorAll('[data-testid="dates"] li')).map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(dates).toEqual([
      'Active Bystander workshop: day 1 Thursday 25 March 2027, 9:00am to 4:30pm, Leicester General Hospital',
      'Active Bystander workshop: day 2 Friday 26 March 2027, 9:00am to 12:30pm, Leicester General Hospital',
      'Action learning set 1 Thursday 22 April 2027, 10:00am to 11:30am, online',
    ]);
    expect(element.querySelector('app-page-summary')?.textContent?.trim()).toBe(
      'Showing 1 to 2 of 2 open cohorts',
    );
    expect(cards[0].querySelector('[data-testid="places"]')?.textContent?.trim()).toBe('10 places left');
    expect(cards[1].querySelector('[data-testid="places"]')?.textContent?.trim()).toBe(
      'Full: join the waiting list',
    );
    expect(cards[1].querySelector('[data-testid="restriction"]')?.textContent).toBe(
      'Only open to staff of organisations in NHS Leicester, Leicestershire and Rutland ICB (QK1) or QJM',
    );
    expect(cards[0].querySelector('[data-testid="restriction"]')).toBeNull();
    expect(signUpButtons().map((b) => b.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Sign up for LLR spring 2027',
      'Sign up for LLR summer 2027',
    ]);
    expect(element.querySelector('.nhsuk-inset-text')?.textContent).toContain('you need an account');
  });

  it('sends a signed-out visitor to create an account, then back to finish signing up', async () => {
    const { http, navigate, signUpButtons } = await render(null);
    signUpButtons()[0].click();
    http.expectNone(`/api/cohorts/${COHORT.id}/enrolments`);
    expect(navigate).toHaveBeenCalledWith(['/register'], {
      queryParams: { returnUrl: `/cohorts/open?signUp=${COHORT.id}` },
    });
  });

  it('sends a delegate without a profile to fill it in when the API answers 400 on the field "profile"', async () => {
    const { fixture, http, navigate, signUpButtons } = await render(['delegate']);
    signUpButtons()[0].click();
    const request = http.expectOne(`/api/cohorts/${COHORT.id}/enrolments`);
    expect(request.request.method).toBe('POST');
    request.flush(
      ...apiError(400, 'Validation failed', [
        { field: 'profile', message: 'Complete your delegate profile' },
      ]),
    );
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/profile'], {
      queryParams: { returnUrl: `/cohorts/open?signUp=${COHORT.id}` },
    });
  });

  it('signs up and goes to the journey with a banner saying what happens next', async () => {
    const { fixture, http, navigate, signUpButtons } = await render(['delegate']);
    signUpButtons()[0].click();
    http
      .expectOne(`/api/cohorts/${COHORT.id}/enrolments`)
      .flush(enrolment({ status: 'waitlisted', waitlistPosition: 2 }), {
        status: 201,
        statusText: 'Created',
      });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/journey']);
    expect(TestBed.inject(FlashService).take()).toBe(
      'LLR spring 2027 is full. You are number 2 on the waiting list.',
    );
  });

  it('explains a refusal: already enrolled (409) or a cohort for other ICBs (403)', async () => {
    const { fixture, element, http, navigate, signUpButtons } = await render(['delegate']);
    signUpButtons()[0].click();
    http
      .expectOne(`/api/cohorts/${COHORT.id}/enrolments`)
      .flush(...apiError(409, 'You already have a place on the Active Bystander Programme'));
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain('You already have a place');
    signUpButtons()[0].click();
    http.expectOne(`/api/cohorts/${COHORT.id}/enrolments`).flush(...apiError(403, 'Forbidden'));
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(RESTRICTED_MESSAGE);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('offers to finish signing up on the way back from the profile', async () => {
    const { element, signUpButtons } = await render(['delegate'], [openCohort()], COHORT.id);
    expect(element.querySelector('[data-testid="continue-sign-up"]')?.textContent).toContain(
      'Sign up for LLR spring 2027 now?',
    );
    expect(signUpButtons()).toHaveLength(2);
  });

  it('does not offer sign-up to accounts that are not delegates', async () => {
    const { element, signUpButtons } = await render(['programme-lead']);
    expect(signUpButtons()).toHaveLength(0);
    expect(element.textContent).toContain('Only delegate accounts can sign up');
  });

  it('writes the restriction note', () => {
    expect(restrictionNote(openCohort())).toBeNull();
    expect(restrictionNote(openCohort({ restrictedToSystems: ['QJM'] }))).toBe(
      'Only open to staff of organisations in QJM',
    );
  });
});
