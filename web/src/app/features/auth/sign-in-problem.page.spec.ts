import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { FeaturesService } from '../../core/features.service';
import { SignInProblemPage } from './sign-in-problem.page';

async function render(reason: string) {
  TestBed.configureTestingModule({ providers: [provideRouter([])] });
  TestBed.inject(FeaturesService).set({ sso: { displayName: 'NHSmail' } });
  const fixture = TestBed.createComponent(SignInProblemPage);
  fixture.componentRef.setInput('reason', reason);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

describe('SignInProblemPage', () => {
  it('tells someone with an existing account to sign in with their password once and link', async () => {
    const element = await render('link-required');
    expect(element.querySelector('h1')?.textContent).toBe('You already have an Upstand account');
    expect(element.textContent).toContain('Link your NHSmail account');
    expect(element.querySelector('a')?.getAttribute('href')).toBe('/login');
  });

  it('explains a refused or tampered answer, and treats an unknown reason the same way', async () => {
    expect((await render('failed')).querySelector('h1')?.textContent).toBe('We could not sign you in');
    TestBed.resetTestingModule();
    expect((await render('<script>')).querySelector('h1')?.textContent).toBe('We could not sign you in');
  });
});
