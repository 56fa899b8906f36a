#ifndef CYCLERD_UMOCKDEV_SHIM_H
#define CYCLERD_UMOCKDEV_SHIM_H

// umockdev's testbed and ioctl emulation, for the simulated USBTMC instrument.
// The usbdevfs request numbers are function-like macros Swift cannot import,
// so they are restated here as constants; g_signal_connect is a macro too.
#include <stddef.h>
#include <linux/ioctl.h>
#include <linux/usbdevice_fs.h>
#include <umockdev.h>

static const unsigned long CYCLERD_USBDEVFS_SUBMITURB = USBDEVFS_SUBMITURB;
static const unsigned long CYCLERD_USBDEVFS_REAPURB = USBDEVFS_REAPURB;
static const unsigned long CYCLERD_USBDEVFS_REAPURBNDELAY = USBDEVFS_REAPURBNDELAY;
static const unsigned long CYCLERD_USBDEVFS_DISCARDURB = USBDEVFS_DISCARDURB;
static const unsigned long CYCLERD_USBDEVFS_GET_CAPABILITIES = USBDEVFS_GET_CAPABILITIES;
static const unsigned long CYCLERD_USBDEVFS_CLAIMINTERFACE = USBDEVFS_CLAIMINTERFACE;
static const unsigned long CYCLERD_USBDEVFS_RELEASEINTERFACE = USBDEVFS_RELEASEINTERFACE;
static const unsigned long CYCLERD_USBDEVFS_SETINTERFACE = USBDEVFS_SETINTERFACE;
static const unsigned long CYCLERD_USBDEVFS_SETCONFIGURATION = USBDEVFS_SETCONFIGURATION;
static const unsigned long CYCLERD_USBDEVFS_CLEAR_HALT = USBDEVFS_CLEAR_HALT;
static const unsigned long CYCLERD_USBDEVFS_RESET = USBDEVFS_RESET;
static const unsigned long CYCLERD_USBDEVFS_RESETEP = USBDEVFS_RESETEP;
static const unsigned long CYCLERD_USBDEVFS_GETDRIVER = USBDEVFS_GETDRIVER;
static const unsigned long CYCLERD_USBDEVFS_IOCTL = USBDEVFS_IOCTL;
static const unsigned long CYCLERD_USBDEVFS_DISCONNECT_CLAIM = USBDEVFS_DISCONNECT_CLAIM;

static const unsigned int CYCLERD_USBDEVFS_CAPS =
    USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_NO_PACKET_SIZE_LIM |
    USBDEVFS_CAP_REAP_AFTER_DISCONNECT | USBDEVFS_CAP_ZERO_PACKET;

static const size_t CYCLERD_URB_SIZE = sizeof(struct usbdevfs_urb);
static const size_t CYCLERD_URB_BUFFER_OFFSET = offsetof(struct usbdevfs_urb, buffer);

// usbdevfs_urb ends in a flexible array, which Swift does not import; these
// read and write the fields the emulated device needs.
static inline unsigned char cyclerd_urb_type(const void *urb) { return ((const struct usbdevfs_urb *)urb)->type; }
static inline unsigned char cyclerd_urb_endpoint(const void *urb) { return ((const struct usbdevfs_urb *)urb)->endpoint; }
static inline int cyclerd_urb_buffer_length(const void *urb) { return ((const struct usbdevfs_urb *)urb)->buffer_length; }
static inline void *cyclerd_urb_buffer(const void *urb) { return ((const struct usbdevfs_urb *)urb)->buffer; }
static inline void cyclerd_urb_complete(void *urb, int status, int actual_length) {
    ((struct usbdevfs_urb *)urb)->status = status;
    ((struct usbdevfs_urb *)urb)->actual_length = actual_length;
}

/// The callback type of umockdev's "handle-ioctl" signal.
typedef gboolean (*cyclerd_ioctl_callback)(UMockdevIoctlBase *handler, UMockdevIoctlClient *client, gpointer data);

static inline gulong cyclerd_connect_handle_ioctl(UMockdevIoctlBase *handler, cyclerd_ioctl_callback callback, gpointer data) {
    return g_signal_connect(handler, "handle-ioctl", G_CALLBACK(callback), data);
}

#endif
