import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { Subject } from 'rxjs';
import { FlashService } from '../core/flash.service';
import { FormErrors } from './form-errors';
import { SaveAndReturn } from './save-and-return';

function setUp() {
  TestBed.configureTestingModule({ providers: [provideRouter([])] });
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  const flash = TestBed.inject(FlashService);
  const errors = new FormErrors(['name']);
  const save = TestBed.runInInjectionContext(() => new SaveAndReturn(errors));
  const then = { message: (saved: { name: string }) => `Room ${saved.name} saved`, back: ['/rooms'] };
  return { navigate, flash, errors, save, then };
}

describe('SaveAndReturn', () => {
  it('does not save when the form is wrong', () => {
    const { navigate, save, then } = setUp();
    const request = jest.fn(() => null);
    save.submit(request, then);
    expect(request).toHaveBeenCalledTimes(1);
    expect(save.saving()).toBe(false);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('saves once at a time, then goes back with the success message', () => {
    const { navigate, flash, errors, save, then } = setUp();
    errors.set([{ field: 'name', text: 'Enter a name' }]);
    const call = new Subject<{ name: string }>();
    const request = jest.fn(() => call);
    save.submit(request, then);
    save.submit(request, then);
    expect(request).toHaveBeenCalledTimes(1);
    expect(save.saving()).toBe(true);

    call.next({ name: 'Blue room' });
    expect(errors.items()).toEqual([]);
    expect(flash.take()).toBe('Room Blue room saved');
    expect(navigate).toHaveBeenCalledWith(['/rooms']);
  });

  it("shows the API's errors and lets the form be sent again", () => {
    const { navigate, errors, save, then } = setUp();
    const call = new Subject<{ name: string }>();
    save.submit(() => call, then);
    call.error(
      new HttpErrorResponse({
        status: 400,
        error: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'Invalid',
          errors: [{ field: 'name', message: 'Name is taken' }],
        },
      }),
    );
    expect(save.saving()).toBe(false);
    expect(errors.items()).toEqual([{ field: 'name', text: 'Name is taken' }]);
    expect(navigate).not.toHaveBeenCalled();

    const request = jest.fn(() => new Subject<{ name: string }>());
    save.submit(request, then);
    expect(request).toHaveBeenCalledTimes(1);
  });
});
