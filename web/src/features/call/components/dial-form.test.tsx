import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DialForm } from './dial-form';

function renderForm(onDial = vi.fn()) {
  render(<DialForm enabled busy={false} onDial={onDial} />);
  return { onDial, number: screen.getByRole('textbox', { name: 'Phone number' }) };
}

describe('DialForm', () => {
  it('shows the normalised number as it is typed', async () => {
    const { number } = renderForm();

    await userEvent.type(number, '206.555.0100');

    expect(number).toHaveAccessibleDescription('Will call +1 206 555 0100');
    expect(number).toHaveAttribute('aria-invalid', 'false');
  });

  it('warns, while typing, about a number the service will refuse, and still lets the service decide', async () => {
    const { number, onDial } = renderForm();

    await userEvent.type(number, '1 (900) 555-0199');

    expect(number).toHaveAccessibleDescription('+19005550199 is a premium-rate number and cannot be called.');
    expect(number).toHaveAttribute('aria-invalid', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Dial' }));
    expect(onDial).toHaveBeenCalledWith('1 (900) 555-0199');
  });

  it('asks for a number when Dial is pressed on an empty field', async () => {
    const { number, onDial } = renderForm();

    await userEvent.click(screen.getByRole('button', { name: 'Dial' }));

    expect(onDial).not.toHaveBeenCalled();
    expect(number).toHaveAccessibleDescription('Enter the phone number to call.');
    expect(number).toHaveAttribute('aria-invalid', 'true');
  });

  it('dials with Enter', async () => {
    const { number, onDial } = renderForm();

    await userEvent.type(number, '+1 206 555 0100{Enter}');

    expect(onDial).toHaveBeenCalledWith('+1 206 555 0100');
  });

  it('locks the number during a call', () => {
    render(<DialForm enabled={false} busy={false} onDial={vi.fn()} initialNumber="2065550100" />);

    expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveAttribute('readonly');
    expect(screen.getByRole('button', { name: 'Dial' })).toBeDisabled();
  });
});
